package io.latchkey.authserver.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that cannot be processed gets the error its endpoint prescribes, never a 500 and
 * never the SQL or class behind it: a NUL byte (which PostgreSQL refuses in text) in any
 * parameter or in Basic credentials, and a sign-in name longer than the throttle's
 * column.
 */
@AuthServerIntegrationTest
class UnreadableInputIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	HttpUserAgent browser;

	OAuthFlows flows;

	RegisteredClient client;

	@BeforeEach
	void setUp() {
		this.browser = new HttpUserAgent("http://localhost:" + this.port);
		this.flows = new OAuthFlows(this.browser);
		this.client = TestClients.webClient(this.clients, this.secrets, false);
	}

	@Test
	void authorizeWhenClientIdHoldsANulByteThenErrorPageNot500() {
		Response response = this.browser.get("/oauth2/authorize?response_type=code&scope=openid&client_id=web%00x");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("NUL").doesNotContain("SQL", "org.postgresql", "Exception");
	}

	@Test
	void protocolEndpointsWhenAParameterHoldsANulByteThenInvalidRequestInJson() {
		for (String path : new String[] { "/oauth2/token", "/oauth2/introspect", "/oauth2/revoke", "/oauth2/par" }) {
			TokenResponse response = this.flows.post(path, this.client.getClientId(), TestClients.SECRET,
					Map.of("grant_type", "authorization_code", "code", "abc\0def", "token", "abc\0def", "client_id",
							this.client.getClientId()));

			// RFC 6749 5.2 (and the RFCs of the other endpoints, which use its format)
			assertThat(response.status()).as(path).isEqualTo(400);
			assertThat(response.error()).as(path).isEqualTo("invalid_request");
			assertThat(response.raw().body()).as(path).doesNotContain("SQL", "org.", "Exception");
		}
	}

	@Test
	void tokenWhenBasicCredentialsHoldANulByteThenInvalidRequestNot500() {
		String credentials = Base64.getEncoder()
			.encodeToString(("web%00x:" + TestClients.SECRET).getBytes(StandardCharsets.UTF_8));

		Response response = this.browser
			.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + "/oauth2/token"))
				.header("Authorization", "Basic " + credentials)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("invalid_request").doesNotContain("SQL", "Exception");
	}

	@Test
	void signInWhenTheNameHoldsANulByteThenErrorPageNot500() {
		Response page = this.browser.get("/login");

		Response response = this.browser.submitForm(page, "form[action$=/login]",
				Map.of("username", "someone\0else", "password", "whatever it is"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("SQL", "org.postgresql");
	}

	@Test
	void signInWhenTheNameIsLongerThanAnyColumnThenTheUsualRefusal() {
		Response page = this.browser.get("/login");

		Response response = this.browser.submitForm(page, "form[action$=/login]",
				Map.of("username", "n".repeat(2000), "password", "whatever it is"));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location()).endsWith("/login?error");
	}

	@Test
	void errorJsonWhenTheServerFailsThenNoExceptionMessage() {
		TokenResponse response = this.flows.get("/error", Map.of());

		assertThat(response.raw().body()).doesNotContain("exception", "trace");
		assertThat(response.body().get("message")).isEqualTo(QuietErrorAttributes.SERVER_ERROR);
	}

}
