package io.latchkey.authserver.login;

import java.time.Duration;
import java.util.Map;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.MovableClock;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** prompt=login, max_age and login_hint (OpenID Connect Core 3.1.2.1). */
@AuthServerIntegrationTest
class ReauthenticationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	MovableClock clock;

	HttpUserAgent browser;

	OAuthFlows flows;

	RegisteredClient client;

	String username;

	@BeforeEach
	void setUp() {
		this.browser = new HttpUserAgent("http://localhost:" + this.port);
		this.username = Accounts.registerAndSignIn(this.browser);
		this.flows = new OAuthFlows(this.browser);
		this.client = TestClients.webClient(this.clients, this.secrets, false);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void authorizeWhenPromptLoginThenSignInAgainThenCodeWithoutAskingTwice() {
		Response response = authorize(Map.of("prompt", "login"));

		assertThat(response.uri().getPath()).isEqualTo("/login");
		Response signedIn = Accounts.signIn(this.browser, this.username, Accounts.PASSWORD);
		// the request continues, without prompt=login, and ends at the client with a code
		assertThat(signedIn.location()).contains("/oauth2/authorize").doesNotContain("prompt=login");
		Response redirect = this.flows.authorize(signedIn.location());
		assertThat(OAuthFlows.redirectParameters(redirect)).containsKey("code");
	}

	@Test
	void authorizeWhenMaxAgeNotExceededThenCodeAndWhenExceededThenSignInAgain() {
		assertThat(OAuthFlows.redirectParameters(authorize(Map.of("max_age", "60")))).containsKey("code");

		this.clock.advance(Duration.ofMinutes(2));
		Response stale = authorize(Map.of("max_age", "60"));

		assertThat(stale.uri().getPath()).isEqualTo("/login");
	}

	@Test
	void authorizeWhenPromptNoneThenNeverSentToSignIn() {
		this.clock.advance(Duration.ofMinutes(2));

		Response response = authorize(Map.of("prompt", "none", "max_age", "60"));

		assertThat(response.location()).startsWith(TestClients.REDIRECT_URI);
	}

	@Test
	void signInPageWhenLoginHintGivenThenNameFilledIn() {
		HttpUserAgent stranger = new HttpUserAgent(this.browser.baseUrl());
		OAuthFlows strangerFlows = new OAuthFlows(stranger);
		Response response = strangerFlows.authorize(strangerFlows.authorizationUrl(this.client.getClientId(), "openid",
				Pkce.generate(), Map.of("login_hint", "someone@example.com")));

		assertThat(response.document().select("input#username").attr("value")).isEqualTo("someone@example.com");
	}

	private Response authorize(Map<String, String> extra) {
		return this.flows
			.authorize(this.flows.authorizationUrl(this.client.getClientId(), "openid", Pkce.generate(), extra));
	}

}
