package io.latchkey.authserver.login;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.Person;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The passkey endpoints as far as HTTP can go without an authenticator; registering and
 * signing in with one is driven in Chromium by the end-to-end test.
 */
@AuthServerIntegrationTest
class PasskeyIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	Person person;

	@BeforeEach
	void setUp() {
		this.person = Person.registered(this.port);
	}

	@Test
	void registrationOptionsWhenSignedInThenNameTheAccountForAuthenticators() {
		this.person.browser().follow(Accounts.signIn(this.person.browser(), this.person.username(), Accounts.PASSWORD));
		Document security = this.person.browser().get("/account/security").document();

		Response options = postJson(security, "/webauthn/register/options");

		assertThat(options.status()).isEqualTo(200);
		Map<String, Object> body = readJson(options.body());
		assertThat(body.get("rp")).isEqualTo(Map.of("id", "localhost", "name", "Latchkey"));
		assertThat(body.get("user")).asString().contains("displayName=" + this.person.username());
		assertThat(body.get("challenge")).isNotNull();
	}

	@Test
	void registrationOptionsWhenNotSignedInThenRefused() {
		Document login = this.person.browser().get("/login").document();

		// Spring Security's options filter builds nothing for an anonymous person
		assertThat(postJson(login, "/webauthn/register/options").status()).isEqualTo(400);
	}

	@Test
	void signInPageWhenOpenedThenOffersPasskeysWithScriptsFromOurOrigin() {
		Document login = this.person.browser().get("/login").document();

		assertThat(login.select("#passkey-signin")).hasSize(1);
		assertThat(login.select("script").eachAttr("src")).containsExactly("/js/first-error.js", "/login/webauthn.js",
				"/js/passkeys.js");
		assertThat(this.person.browser().get("/login/webauthn.js").body()).contains("setupLogin");
		Response ours = this.person.browser().get("/js/passkeys.js");
		assertThat(ours.status()).as(ours.headers().toString()).isEqualTo(200);
		assertThat(ours.body()).contains("setupRegistration");
		Response options = postJson(login, "/webauthn/authenticate/options");
		assertThat(options.status()).isEqualTo(200);
		assertThat(readJson(options.body())).containsEntry("rpId", "localhost");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> readJson(String body) {
		return json.readValue(body, Map.class);
	}

	private Response postJson(Document page, String path) {
		// as passkeys.js reads them: from its own script element
		String header = page.select("script[data-csrf-header]").attr("data-csrf-header");
		String token = page.select("script[data-csrf-token]").attr("data-csrf-token");
		return this.person.browser()
			.send(HttpRequest.newBuilder(URI.create(this.person.browser().baseUrl() + path))
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.header(header, token)
				.POST(HttpRequest.BodyPublishers.noBody()));
	}

}
