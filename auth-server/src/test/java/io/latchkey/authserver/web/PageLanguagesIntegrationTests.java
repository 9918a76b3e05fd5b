package io.latchkey.authserver.web;

import java.util.List;
import java.util.Map;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import io.latchkey.authserver.support.TestMailServer;
import io.latchkey.authserver.support.TestMailServer.ReceivedMail;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The language of the pages and of the mail: the profile's {@code locale}, else the
 * {@code ui_locales} of the authorization request (OpenID Connect Core 3.1.2.1), else the
 * browser's {@code Accept-Language} (RFC 9110 section 12.5.4), else English; and
 * discovery says which languages those are.
 */
@AuthServerIntegrationTest
class PageLanguagesIntegrationTests {

	static final Map<String, String> GERMAN_BROWSER = Map.of("Accept-Language", "de-DE,de;q=0.9,en;q=0.5");

	static final Map<String, String> ENGLISH_BROWSER = Map.of("Accept-Language", "en-US,en;q=0.9");

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Test
	void signInPageWhenTheBrowserPrefersGermanThenGerman() {
		Response page = browser(GERMAN_BROWSER).get("/login");

		assertThat(page.document().select("html").attr("lang")).isEqualTo("de");
		assertThat(page.document().select("h1").text()).isEqualTo("Anmelden");
		assertThat(page.document().select("label[for=username]").text()).isEqualTo("Benutzername oder E-Mail-Adresse");
	}

	@Test
	void signInPageWhenTheBrowserPrefersALanguageWeDoNotSpeakThenItsNextChoiceOrEnglish() {
		assertThat(browser(Map.of("Accept-Language", "fr-FR,fr;q=0.9,de;q=0.5")).get("/login")
			.document()
			.select("h1")
			.text()).isEqualTo("Anmelden");
		assertThat(browser(Map.of("Accept-Language", "fr-FR")).get("/login").document().select("h1").text())
			.isEqualTo("Sign in");
		assertThat(browser(Map.of()).get("/login").document().select("html").attr("lang")).isEqualTo("en");
	}

	@Test
	void signInPageWhenTheApplicationAsksForGermanWithUiLocalesThenGermanInAnEnglishBrowser() {
		HttpUserAgent browser = browser(ENGLISH_BROWSER);
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		OAuthFlows flows = new OAuthFlows(browser);
		String url = flows.authorizationUrl(client.getClientId(), "openid", Pkce.generate(),
				Map.of("ui_locales", "fr-CA de-CH en"));

		Response login = browser.follow(browser.get(url));

		assertThat(login.document().select("h1").text()).isEqualTo("Anmelden");
		assertThat(login.document().select("#signing-in-for").text())
			.isEqualTo("Test Web App (127.0.0.1:8080) bittet Sie, sich mit Ihrem Latchkey-Konto anzumelden.");
	}

	@Test
	void accountPagesWhenTheProfileSaysGermanThenGermanInAnEnglishBrowserAndBackWhenCleared() {
		HttpUserAgent browser = browser(ENGLISH_BROWSER);
		Accounts.registerAndSignIn(browser);
		assertThat(browser.get("/").document().select("#edit-details").text()).isEqualTo("Edit your profile");

		browser.submitForm("/account/details", "form[action$=/account/details]", Map.of("locale", "de-AT"));

		Response home = browser.get("/");
		assertThat(home.document().select("html").attr("lang")).isEqualTo("de");
		assertThat(home.document().select("#edit-details").text()).isEqualTo("Profil bearbeiten");
		// dates as German writes them: 03.12.2026
		assertThat(home.document().select(".events time").first().text())
			.matches("\\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2} UTC");
		browser.submitForm("/account/details", "form[action$=/account/details]", Map.of("locale", ""));
		assertThat(browser.get("/").document().select("#edit-details").text()).isEqualTo("Edit your profile");
	}

	@Test
	void mailWhenAPersonRegistersOnAGermanPageThenTheVerificationMailIsGerman() {
		String username = Accounts.newUsername();

		Accounts.register(browser(GERMAN_BROWSER), username);

		ReceivedMail mail = TestMailServer.awaitMessage(Accounts.emailOf(username), 1);
		assertThat(mail.subject()).isEqualTo("Bestätigen Sie Ihre E-Mail-Adresse für Latchkey");
		assertThat(mail.text()).startsWith("Hallo " + username + ",").contains("/verify-email?token=");
	}

	@Test
	void mailWhenTheProfileSaysGermanThenGermanWhateverThePageOfTheRequest() {
		HttpUserAgent german = browser(GERMAN_BROWSER);
		String username = Accounts.registerAndSignIn(german);
		german.submitForm("/account/details", "form[action$=/account/details]", Map.of("locale", "de"));

		browser(ENGLISH_BROWSER).submitForm("/forgot-password", "form[action$=/forgot-password]",
				Map.of("email", Accounts.emailOf(username)));

		ReceivedMail mail = TestMailServer.awaitMessage(Accounts.emailOf(username), 2);
		assertThat(mail.subject()).isEqualTo("Ihr Latchkey-Passwort zurücksetzen");
	}

	@Test
	void discoveryWhenReadThenNamesTheLanguagesThePagesSpeak() throws Exception {
		Map<String, Object> metadata = new ObjectMapper().readValue(
				browser(Map.of()).get("/.well-known/openid-configuration").body(),
				new TypeReference<Map<String, Object>>() {
				});

		assertThat(metadata.get("ui_locales_supported")).isEqualTo(List.of("en", "de"));
		// claims are given as the person wrote them, in no language of ours
		assertThat(metadata).doesNotContainKey("claims_locales_supported");
	}

	private HttpUserAgent browser(Map<String, String> headers) {
		return new HttpUserAgent("http://localhost:" + this.port, headers);
	}

}
