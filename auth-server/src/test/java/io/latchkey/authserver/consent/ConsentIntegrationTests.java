package io.latchkey.authserver.consent;

import java.util.Map;

import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Person;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent page as a person uses it after an earlier consent: Deny refuses (OpenID
 * Connect Core 3.1.2.6, RFC 6749 section 4.1.2.1), Allow grants what was requested and no
 * more, and a decision needs the person's own CSRF token.
 */
@AuthServerIntegrationTest
class ConsentIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets clientSecrets;

	@Autowired
	OAuth2AuthorizationConsentService consents;

	@Autowired
	UserAccountRepository accounts;

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
	void denyWhenApprovedBeforeAndPromptConsentThenAccessDeniedAndNoCode() {
		approve("openid profile");
		String url = url("openid profile", Map.of("prompt", "consent"));
		Response page = this.flows.authorize(url);

		Response denied = this.person.browser().submitFormAsBrowser(page, "form:has(#cancel-consent)");

		Map<String, String> answer = OAuthFlows.redirectParameters(denied);
		assertThat(answer).containsEntry("error", "access_denied")
			.containsEntry("iss", "http://localhost:" + this.port)
			.doesNotContainKey("code");
		assertThat(url).contains("state=" + answer.get("state"));
		assertThat(codesIssued()).as("only the first, approved request has a code").isEqualTo(1);
		// a Deny refuses this request; what was allowed before stays allowed
		assertThat(consent().getScopes()).contains("profile");
	}

	@Test
	void denyWhenAskedForOneMoreScopeThenAccessDenied() {
		approve("openid profile");
		Response page = this.flows.authorize(url("openid profile email", Map.of()));
		assertThat(checkboxes(page)).containsExactly("email");

		Response denied = this.person.browser().submitFormAsBrowser(page, "form:has(#cancel-consent)");

		assertThat(OAuthFlows.redirectParameters(denied)).containsEntry("error", "access_denied")
			.doesNotContainKey("code");
		assertThat(codesIssued()).isEqualTo(1);
	}

	@Test
	void signInAndConsentPagesWhenAnApplicationAsksThenNameItWithItsAddressAndListScopesInOneOrder() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), "messages.read email openid profile",
				Pkce.generate(), Map.of());
		assertThat(this.person.browser().get(url).location()).endsWith("/login");

		Response signInPage = this.person.browser().get("/login");
		assertThat(signInPage.document().select("#signing-in-for").text())
			.isEqualTo("Test Web App (127.0.0.1:8080) asks you to sign in with your Latchkey account.");

		Response consentPage = this.flows.authorizeSigningIn(url, this.person.username());
		assertThat(consentPage.document().select("#client-host").text()).isEqualTo("Its address: 127.0.0.1:8080");
		// the standard scopes first, as OpenID Connect lists them, then the others
		assertThat(checkboxes(consentPage)).containsExactly("profile", "email", "messages.read");
	}

	@Test
	void allowWhenAskedForAnotherScopeThenExactlyTheRequestedScopesGranted() {
		approve("openid email");
		Pkce pkce = Pkce.generate();
		Response page = this.flows
			.authorize(this.flows.authorizationUrl(this.client.getClientId(), "openid profile", pkce, Map.of()));
		// what was allowed before but not asked for now is not part of this decision
		assertThat(checkboxes(page)).containsExactly("profile");
		assertThat(page.document().select("form#consent input[type=hidden][name=scope]").eachAttr("value"))
			.containsExactly("openid");

		Response allowed = this.person.browser().submitFormAsBrowser(page, "form#consent");

		TokenResponse tokens = this.flows.exchangeCode(this.client.getClientId(), this.flows.code(allowed),
				pkce.verifier());
		assertThat(tokens.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "profile");
		assertThat(consent().getScopes()).contains("email", "profile");
	}

	@Test
	void allowWhenSomeScopesApprovedBeforeThenPageShowsThemAndGrantsAllRequested() {
		approve("openid email");
		Pkce pkce = Pkce.generate();
		Response page = this.flows
			.authorize(this.flows.authorizationUrl(this.client.getClientId(), "openid email profile", pkce, Map.of()));
		assertThat(checkboxes(page)).containsExactly("profile");
		assertThat(page.document().select("form#consent input[type=hidden][name=scope]").eachAttr("value"))
			.containsExactlyInAnyOrder("openid", "email");

		Response allowed = this.person.browser().submitFormAsBrowser(page, "form#consent");

		TokenResponse tokens = this.flows.exchangeCode(this.client.getClientId(), this.flows.code(allowed),
				pkce.verifier());
		assertThat(tokens.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "email", "profile");
	}

	@Test
	void allowWhenOnlyOpenidAndPromptConsentThenCode() {
		Response page = this.flows.authorizeSigningIn(url("openid", Map.of("prompt", "consent")),
				this.person.username());
		assertThat(page.status()).isEqualTo(200);

		Response allowed = this.person.browser().submitFormAsBrowser(page, "form#consent");

		assertThat(OAuthFlows.redirectParameters(allowed)).containsKey("code");
	}

	@Test
	void decisionWhenPostedWithoutTheSessionsCsrfTokenThenRefusedAndNoCode() {
		Response page = this.flows.authorizeSigningIn(url("openid profile", Map.of()), this.person.username());
		Map<String, String> forged = Map.of("client_id", this.client.getClientId(), "state",
				page.document().selectFirst("form#consent input[name=state]").attr("value"), "scope", "profile");

		Response response = this.person.browser().postForm("/oauth2/authorize", forged);

		assertThat(response.status()).isEqualTo(403);
		assertThat(codesIssued()).isZero();
	}

	private void approve(String scope) {
		Response page = this.flows.authorizeSigningIn(url(scope, Map.of()), this.person.username());
		Response approved = this.person.browser().submitFormAsBrowser(page, "form#consent");
		assertThat(OAuthFlows.redirectParameters(approved)).containsKey("code");
	}

	private String url(String scope, Map<String, String> extra) {
		return this.flows.authorizationUrl(this.client.getClientId(), scope, Pkce.generate(), extra);
	}

	private static java.util.List<String> checkboxes(Response page) {
		return page.document().select("form#consent input[type=checkbox][name=scope]").eachAttr("value");
	}

	private OAuth2AuthorizationConsent consent() {
		String principal = this.accounts.findByUsername(this.person.username()).orElseThrow().getId().toString();
		return this.consents.findById(this.client.getId(), principal);
	}

	private long codesIssued() {
		return this.jdbc
			.sql("select count(*) from oauth2_authorization where registered_client_id = ?"
					+ " and authorization_code_value is not null")
			.param(this.client.getId())
			.query(Long.class)
			.single();
	}

}
