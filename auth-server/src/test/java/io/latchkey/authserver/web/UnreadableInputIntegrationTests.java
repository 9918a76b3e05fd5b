package io.latchkey.authserver.web;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
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
	void tokenWhenAParameterNameHoldsAControlCharacterThenInvalidRequestInJson() {
		// Spring Security's firewall refused it with a bare 400 in Spring Boot's format
		TokenResponse response = this.flows.post("/oauth2/token", this.client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "client_credentials", "\u0001\u001f", "x"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.error()).isEqualTo("invalid_request");
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
	void authorizeAndPushWhenClientIdBlankWithAClaimsParameterThenRefusedNot500() {
		Response authorize = this.browser
			.get("/oauth2/authorize?response_type=code&client_id=&scope=openid&claims=%7B%7D");
		TokenResponse pushed = this.flows.post("/oauth2/par", this.client.getClientId(), TestClients.SECRET,
				Map.of("client_id", "", "response_type", "code", "scope", "openid", "claims", "{}"));

		assertThat(authorize.status()).isEqualTo(400);
		assertThat(pushed.status()).isEqualTo(400);
		assertThat(pushed.error()).isEqualTo("invalid_request");
	}

	@Test
	void pushWhenTheBodyIsEmptyThenInvalidRequest() {
		TokenResponse pushed = this.flows.post("/oauth2/par", this.client.getClientId(), TestClients.SECRET, Map.of());

		// RFC 9126 section 2.3: the token endpoint's error format
		assertThat(pushed.status()).isEqualTo(400);
		assertThat(pushed.error()).isEqualTo("invalid_request");
	}

	@Test
	void tokenWhenAParameterIsSentTwiceThenInvalidRequest() {
		Response response = this.browser
			.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + "/oauth2/token"))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString((this.client.getClientId() + ":" + TestClients.SECRET)
								.getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=a&code=b")));

		// RFC 6749 section 3.2: parameters "MUST NOT be included more than once"
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("\"invalid_request\"").contains("code");
	}

	@Test
	void userinfoWhenTheDPoPHeaderIsEmptyThenInvalidDPoPProof() {
		TokenResponse response = this.flows.get("/userinfo", Map.of("Authorization", "DPoP abc", "DPoP", ""));

		// RFC 9449 section 7.1
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.raw().header("WWW-Authenticate")).contains("invalid_dpop_proof");
	}

	@Test
	void tokenWhenNoClientAuthenticationOrWrongBasicThen401InvalidClientWithAChallenge() {
		TokenResponse none = this.flows.post("/oauth2/token", null, null, Map.of("grant_type", "client_credentials"));
		TokenResponse wrong = this.flows.post("/oauth2/token", this.client.getClientId(), "not the secret",
				Map.of("grant_type", "client_credentials"));

		// RFC 6749 section 5.2: 401 and WWW-Authenticate when the header was used
		for (TokenResponse response : java.util.List.of(none, wrong)) {
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.error()).isEqualTo("invalid_client");
			assertThat(response.raw().header("WWW-Authenticate")).startsWith("Basic");
		}
	}

	@Test
	void tokenWhenAskedWithGetThen405NotTheSignInPage() {
		TokenResponse response = this.flows.get("/oauth2/token", Map.of());

		assertThat(response.status()).isEqualTo(405);
		assertThat(response.raw().header("Allow")).isEqualTo("POST");
		assertThat(response.error()).isEqualTo("invalid_request");
	}

	@Test
	void errorPathWhenAskedForDirectlyThenNotFound() {
		assertThat(this.browser.get("/error").status()).isEqualTo(404);
		assertThat(this.flows.get("/error", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void logoutWhenTheChunkedBodyIsBrokenThen400NotAServerError() throws Exception {
		// RFC 9112 section 7.1: a chunk size that is not hexadecimal; a browser could not
		// send it, a broken proxy can
		for (String path : List.of("/logout", "/connect/logout", "/oauth2/token")) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
						+ "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ "zz\r\nstate=1\r\n0\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

				assertThat(answer).as(path).startsWith("HTTP/1.1 400");
				assertThat(answer).as(path).doesNotContain("Exception", "org.apache", "java.");
			}
		}
	}

}
