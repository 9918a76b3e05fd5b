package io.latchkey.authserver.authorization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.client.LatchkeyClientSettings;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** Pushed authorization requests (RFC 9126) and clients that require them. */
@AuthServerIntegrationTest
class PushedAuthorizationRequestIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	HttpUserAgent browser;

	OAuthFlows flows;

	@BeforeEach
	void setUp() {
		this.browser = new HttpUserAgent("http://localhost:" + this.port);
		Accounts.registerAndSignIn(this.browser);
		this.flows = new OAuthFlows(this.browser);
	}

	@Test
	void pushWhenRequestValidThenRequestUriCompletesTheFlow() {
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		Pkce pkce = Pkce.generate();

		TokenResponse pushed = push(client, pkce, TestClients.REDIRECT_URI);

		assertThat(pushed.status()).isEqualTo(201);
		assertThat(pushed.get("request_uri")).startsWith("urn:ietf:params:oauth:request_uri:");
		String code = this.flows.code(authorizeWithRequestUri(client, pushed.get("request_uri")));
		assertThat(this.flows.exchangeCode(client.getClientId(), code, pkce.verifier()).status()).isEqualTo(200);
	}

	@Test
	void pushWhenRequestCarriesARequestUriThenInvalidRequest() {
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		String earlier = push(client, Pkce.generate(), TestClients.REDIRECT_URI).get("request_uri");

		// RFC 9126 section 2.1: "request_uri ... MUST NOT be provided in this case"
		for (String requestUri : List.of(earlier, "https://app.example.com/request.jwt")) {
			TokenResponse refused = this.flows.post("/oauth2/par", client.getClientId(), TestClients.SECRET,
					Map.of("client_id", client.getClientId(), "request_uri", requestUri));

			assertThat(refused.status()).as(requestUri).isEqualTo(400);
			assertThat(refused.error()).as(requestUri).isEqualTo("invalid_request");
		}
	}

	@Test
	void pushWhenAcceptedThenExpiresInIsTheRequestUrisLifetime() {
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);

		TokenResponse pushed = push(client, Pkce.generate(), TestClients.REDIRECT_URI);

		// RFC 9126 section 2.2: the lifetime of the request_uri in seconds; the URI says
		// when it expires (its last part, in milliseconds)
		long expiresAt = Long
			.parseLong(pushed.get("request_uri").substring(pushed.get("request_uri").lastIndexOf('_') + 1));
		long remaining = (expiresAt - System.currentTimeMillis()) / 1000;
		assertThat(Long.parseLong(pushed.get("expires_in"))).isBetween(remaining - 2, remaining + 1).isPositive();
	}

	@Test
	void pushWhenRedirectUriNotRegisteredOrPkceMissingThenRefusedAtThePushEndpoint() {
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);

		TokenResponse badRedirect = push(client, Pkce.generate(), "http://127.0.0.1:8080/elsewhere");
		TokenResponse noPkce = push(client, null, TestClients.REDIRECT_URI);

		assertThat(badRedirect.status()).isEqualTo(400);
		assertThat(badRedirect.error()).isEqualTo("invalid_request");
		assertThat(noPkce.status()).isEqualTo(400);
		assertThat(noPkce.error()).isEqualTo("invalid_request");
	}

	@Test
	void pushWhenStateIsTooLongToBeReturnedThenInvalidRequestAtThePushEndpoint() {
		// the state comes back in the redirect (RFC 6749 section 4.1.2): one longer
		// than README's bound is refused before it is stored
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		Map<String, String> form = new LinkedHashMap<>(Map.of("response_type", "code", "client_id",
				client.getClientId(), "redirect_uri", TestClients.REDIRECT_URI, "scope", "openid", "state",
				"z".repeat(70000), "code_challenge", Pkce.generate().challenge(), "code_challenge_method", "S256"));

		TokenResponse refused = this.flows.post("/oauth2/par", client.getClientId(), TestClients.SECRET, form);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.error()).isEqualTo("invalid_request");
		assertThat(refused.get("error_description")).contains("state");
	}

	@Test
	void authorizeWhenClientRequiresPushedRequestsAndGetsAPlainOneThenInvalidRequest() {
		RegisteredClient client = requiringPushedRequests();

		Response plain = this.flows
			.authorize(this.flows.authorizationUrl(client.getClientId(), "openid", Pkce.generate(), Map.of()));

		assertThat(plain.location()).startsWith(TestClients.REDIRECT_URI);
		assertThat(OAuthFlows.redirectParameters(plain)).containsEntry("error", "invalid_request")
			.doesNotContainKey("code");
		Pkce pkce = Pkce.generate();
		TokenResponse pushed = push(client, pkce, TestClients.REDIRECT_URI);
		assertThat(OAuthFlows.redirectParameters(authorizeWithRequestUri(client, pushed.get("request_uri"))))
			.containsKey("code");
	}

	private RegisteredClient requiringPushedRequests() {
		RegisteredClient base = TestClients.webClient(this.clients, this.secrets, false);
		RegisteredClient client = RegisteredClient.from(base)
			.clientSettings(
					LatchkeyClientSettings.writeTo(ClientSettings.withSettings(base.getClientSettings().getSettings()))
						.requirePushedRequests(true)
						.and()
						.build())
			.build();
		this.clients.save(client);
		return client;
	}

	private TokenResponse push(RegisteredClient client, Pkce pkce, String redirectUri) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("response_type", "code");
		form.put("client_id", client.getClientId());
		form.put("redirect_uri", redirectUri);
		form.put("scope", "openid");
		form.put("state", "pushed-state");
		if (pkce != null) {
			form.put("code_challenge", pkce.challenge());
			form.put("code_challenge_method", "S256");
		}
		return this.flows.post("/oauth2/par", client.getClientId(), TestClients.SECRET, form);
	}

	private Response authorizeWithRequestUri(RegisteredClient client, String requestUri) {
		return this.flows.authorize(this.browser.baseUrl() + "/oauth2/authorize?client_id=" + client.getClientId()
				+ "&request_uri=" + java.net.URLEncoder.encode(requestUri, java.nio.charset.StandardCharsets.UTF_8));
	}

}
