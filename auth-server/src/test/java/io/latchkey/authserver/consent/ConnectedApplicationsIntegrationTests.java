package io.latchkey.authserver.consent;

import java.util.Map;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Person;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Connected applications": what a person allowed, and taking it back. Withdrawing a
 * grant ends the refresh token the application holds (RFC 6749 section 6: a revoked
 * grant's refresh token is answered {@code invalid_grant}), and the application must ask
 * for consent again.
 */
@AuthServerIntegrationTest
class ConnectedApplicationsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets clientSecrets;

	Person person;

	OAuthFlows flows;

	RegisteredClient client;

	@BeforeEach
	void setUp() {
		this.person = Person.registered(this.port);
		this.flows = new OAuthFlows(this.person.browser());
		this.client = TestClients.webClient(this.clients, this.clientSecrets, true);
	}

	@Test
	void pageWhenPersonAllowedAnApplicationThenListsItWithTheScopesInOrder() {
		allow("openid email profile messages.read");

		Element application = this.person.browser()
			.get(ConnectedApplicationsController.PATH)
			.document()
			.selectFirst("li.application");

		assertThat(application.select(".application-name").text()).isEqualTo("Test Web App");
		assertThat(application.text()).contains("at 127.0.0.1:8080").contains("Allowed since").contains("last used");
		assertThat(application.select("ul.scopes li").eachText()).containsExactly("Your name and username",
				"Your e-mail address", "Read your messages");
	}

	@Test
	void removeAccessWhenPersonRemovesAnApplicationThenItsRefreshTokenFailsAndItAsksAgain() {
		TokenResponse tokens = allow("openid profile");
		Response page = this.person.browser().get(ConnectedApplicationsController.PATH);

		Response removed = this.person.browser()
			.follow(this.person.browser().submitForm(page, "form.remove-access", Map.of()));

		assertThat(removed.document().select("#access-removed").text())
			.isEqualTo("Test Web App no longer has access to your account.");
		assertThat(removed.document().select("li.application")).isEmpty();
		TokenResponse refreshed = this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token")));
		assertThat(refreshed.status()).isEqualTo(400);
		assertThat(refreshed.error()).isEqualTo("invalid_grant");
		// the next sign-in asks again
		Response again = this.flows.authorize(url("openid profile", Pkce.generate()));
		assertThat(again.document().select("form#consent")).isNotEmpty();
		assertThat(this.jdbc
			.sql("select count(*) from audit_event where event_type = 'APPLICATION_ACCESS_REMOVED'"
					+ " and client_id = ? and username = ?")
			.params(this.client.getClientId(), this.person.username())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void removeAccessWhenTheApplicationIsNotThePersonsThenNothingChanges() {
		TokenResponse tokens = allow("openid profile");
		Person other = Person.registered(this.port);
		other.browser().follow(Accounts.signIn(other.browser(), other.username(), Accounts.PASSWORD));

		// another person posts this application's id: they have no grant of it to remove
		Response posted = other.browser()
			.postForm(ConnectedApplicationsController.PATH + "/remove",
					Map.of("application", this.client.getId(), "_csrf", csrf(other)));

		assertThat(posted.status()).isEqualTo(302);
		TokenResponse refreshed = this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token")));
		assertThat(refreshed.status()).isEqualTo(200);
	}

	private static String csrf(Person person) {
		return person.browser()
			.get(ConnectedApplicationsController.PATH)
			.document()
			.selectFirst("input[name=_csrf]")
			.attr("value");
	}

	private TokenResponse allow(String scope) {
		Pkce pkce = Pkce.generate();
		Response page = this.flows.authorizeSigningIn(url(scope, pkce), this.person.username());
		Response allowed = this.person.browser().submitFormAsBrowser(page, "form#consent");
		TokenResponse tokens = this.flows.exchangeCode(this.client.getClientId(), this.flows.code(allowed),
				pkce.verifier());
		assertThat(tokens.status()).isEqualTo(200);
		return tokens;
	}

	private String url(String scope, Pkce pkce) {
		return this.flows.authorizationUrl(this.client.getClientId(), scope, pkce, Map.of());
	}

}
