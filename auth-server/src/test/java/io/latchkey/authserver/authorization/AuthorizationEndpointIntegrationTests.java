package io.latchkey.authserver.authorization;

import java.util.Map;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization endpoint as a relying party meets it: redirect URIs, PKCE, scopes,
 * response types, {@code prompt}, consent, and every refusal with its exact error (RFC
 * 6749 section 4.1.2.1, OpenID Connect Core 3.1.2.6).
 */
class AuthorizationEndpointIntegrationTests extends CodeFlowIntegrationTestSupport {

	@Test
	void authorizeWhenResourceUnknownThenInvalidTarget() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
				Map.of("resource", "https://unknown.example.test"));

		Response response = this.flows.authorizeSigningIn(url, this.username);

		assertThat(OAuthFlows.redirectParameters(response)).containsEntry("error", "invalid_target");
	}

	@Test
	void authorizeWhenRedirectUriNotRegisteredThenErrorShownAndNoRedirect() {
		this.flows.authorize(this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(), Map.of()));
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
				Map.of("redirect_uri", "https://attacker.example/callback"));

		Response response = this.browser.get(url);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.location()).isNull();
		assertThat(response.document().select("#error-detail").text()).contains("invalid_request")
			.contains("redirect_uri");
		// in words for the person, the code in small print for the application's owner
		assertThat(response.document().select("#error-message").text())
			.contains("an address it has not registered with Latchkey");
	}

	@Test
	void authorizeWhenRedirectUriDiffersOnlyInLoopbackPortThenRefused() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
				Map.of("redirect_uri", "http://127.0.0.1:9999/callback"));

		Response response = this.browser.get(url);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.location()).isNull();
	}

	@Test
	void authorizeWhenClientUnknownThenErrorShownAndNoRedirect() {
		String url = this.flows.authorizationUrl("no-such-client", SCOPE, Pkce.generate(), Map.of());

		Response response = this.browser.get(url);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.location()).isNull();
		assertThat(response.document().select("#error-detail").text()).contains("client_id");
		assertThat(response.document().select("#error-message").text())
			.startsWith("Latchkey does not know the application that sent you here");
	}

	@Test
	void authorizeWhenCodeChallengeMissingThenInvalidRequestSentToClient() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, null, Map.of());

		Response response = this.browser.get(url);

		assertThat(response.location()).startsWith(TestClients.REDIRECT_URI);
		assertThat(OAuthFlows.redirectParameters(response)).containsEntry("error", "invalid_request")
			.containsEntry("error_description", "OAuth 2.0 Parameter: code_challenge")
			.doesNotContainKey("code");
	}

	@Test
	void authorizeWhenCodeChallengeMethodPlainThenInvalidRequestSentToClient() {
		Pkce pkce = Pkce.generate();
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, pkce,
				Map.of("code_challenge_method", "plain"));

		Response response = this.browser.get(url);

		assertThat(OAuthFlows.redirectParameters(response)).containsEntry("error", "invalid_request")
			.containsEntry("error_description", "OAuth 2.0 Parameter: code_challenge_method");
	}

	@Test
	void authorizeWhenScopeNotRegisteredThenInvalidScopeSentToClient() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), "openid admin", Pkce.generate(), Map.of());

		Response response = this.browser.get(url);

		assertThat(OAuthFlows.redirectParameters(response)).containsEntry("error", "invalid_scope");
	}

	@Test
	void authorizeWhenResponseTypeTokenThenUnsupportedResponseTypeSentToTheClient() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
				Map.of("response_type", "token", "state", "s-1"));

		Map<String, String> answer = OAuthFlows.redirectParameters(this.browser.get(url));

		assertThat(answer).containsEntry("error", "unsupported_response_type")
			.containsEntry("state", "s-1")
			.containsEntry("iss", this.issuer);
	}

	@Test
	void authorizeWhenAParameterIsSentTwiceThenInvalidRequestSentToTheClient() {
		// RFC 6749 section 3.1: "MUST NOT be included more than once"; the client and its
		// redirect URI are valid, so the error goes back there (section 4.1.2.1)
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
				Map.of("state", "s-2")) + "&scope=profile";

		Map<String, String> answer = OAuthFlows.redirectParameters(this.browser.get(url));

		assertThat(answer).containsEntry("error", "invalid_request")
			.containsEntry("state", "s-2")
			.containsEntry("iss", this.issuer);
	}

	@Test
	void authorizeWhenAParameterNameHoldsAControlCharacterThenItIsIgnored() {
		// RFC 6749 section 3.1: the server "MUST ignore unrecognized request parameters"
		Pkce pkce = Pkce.generate();
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, pkce, Map.of()) + "&%09=x";

		String code = this.flows.code(this.flows.authorizeSigningIn(url, this.username));

		assertThat(this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier()).status()).isEqualTo(200);
	}

	@Test
	void authorizeWhenAParameterNameHoldsAControlCharacterThenTheRequestsOwnErrorGoesToTheClient() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
				Map.of("response_type", "token", "state", "s-3")) + "&%01=Bearer";

		Map<String, String> answer = OAuthFlows.redirectParameters(this.browser.get(url));

		assertThat(answer).containsEntry("error", "unsupported_response_type").containsEntry("state", "s-3");
	}

	@Test
	void authorizeWhenStateIsLongButWithinTheBoundThenReturnedWithTheCode() {
		String state = "s".repeat(2048);
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
				Map.of("state", state));

		Map<String, String> answer = OAuthFlows.redirectParameters(this.flows.authorizeSigningIn(url, this.username));

		assertThat(answer).containsKey("code").containsEntry("state", state);
	}

	@Test
	void authorizeWhenPostedStateIsTooLongToReturnThenTheErrorStaysOnOurPage() {
		// RFC 6749 section 4.1.2: state is returned in the redirect, which must fit in a
		// response header; a state no redirect can carry is refused here, not sent as a
		// 500 (seen with a 70,000-character state posted by OIDC Core 3.1.2.1's form
		// POST)
		signIn(Pkce.generate());
		String query = java.net.URI
			.create(this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
					Map.of("state", "z".repeat(70000))))
			.getRawQuery();

		Response response = postAuthorization(query, "text/html,application/xhtml+xml");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.location()).isNull();
		assertThat(response.document().select("#error-detail").text()).contains("state");
	}

	@Test
	void authorizeWhenStateIsTooLongAndTheRequestHasAnotherErrorThenTheErrorStaysOnOurPage() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, null,
				Map.of("state", "s".repeat(2049)));

		Response response = this.browser.get(url);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.location()).isNull();
		assertThat(response.document().select("#error-detail").text()).contains("state");
	}

	@Test
	void authorizeWhenClientIdIsSentTwiceThenTheErrorStaysOnOurPage() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(), Map.of())
				+ "&client_id=" + this.client.getClientId();

		Response answer = this.browser.get(url);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("text/html");
	}

	@Test
	void authorizeWhenResponseTypeMissingThenInvalidRequestSentToTheClient() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(), Map.of())
			.replace("response_type=code&", "");

		assertThat(OAuthFlows.redirectParameters(this.browser.get(url))).containsEntry("error", "invalid_request");
	}

	@Test
	void authorizeWhenResponseTypeWrongAndRedirectUriUnregisteredThenErrorStaysOnOurPage() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
				Map.of("response_type", "token", "redirect_uri", "https://attacker.example/cb"));

		Response response = this.browser.get(url);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.location()).isNull();
		assertThat(response.document().select("#error-detail").text()).contains("unsupported_response_type");
	}

	@Test
	void consentPageWhenOpenedWithoutAuthorizationRequestThenReadableError() {
		signIn(Pkce.generate());

		Response response = this.browser.get("/oauth2/consent?client_id=" + this.client.getClientId());

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.document().select("#error-message").text())
			.isEqualTo("This page is only shown during a sign-in to an application.");
	}

	@Test
	void authorizeWhenPromptNoneAndNotSignedInThenLoginRequiredSentToClient() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
				Map.of("prompt", "none"));

		Response response = this.browser.get(url);

		assertThat(response.location()).startsWith(TestClients.REDIRECT_URI);
		Map<String, String> parameters = OAuthFlows.redirectParameters(response);
		assertThat(parameters).containsEntry("error", "login_required").doesNotContainKey("code");
		assertThat(url).contains("state=" + parameters.get("state"));
	}

	@Test
	void authorizeWhenPromptNoneWithoutSessionAndAnotherRuleBrokenThenLoginRequiredFirst() {
		// OpenID Connect Core 3.1.2.6: prompt=none and no signed-in person is
		// login_required, whatever else the request lacks (here PKCE)
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, null, Map.of("prompt", "none"));

		Response response = this.browser.get(url);

		assertThat(OAuthFlows.redirectParameters(response)).containsEntry("error", "login_required");
	}

	@Test
	void authorizeWhenPostedByABrowserThatAcceptsAnythingAndNotSignedInThenSentToSignIn() {
		// OpenID Connect Core 3.1.2.1: the authorization request may be a form POST; a
		// browser's Accept may be */*
		String query = java.net.URI
			.create(this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(), Map.of()))
			.getRawQuery();

		Response response = postAuthorization(query, "*/*");

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location()).endsWith("/login");
		// after signing in, the posted request goes on
		Response answer = Accounts.signIn(this.browser, this.username, Accounts.PASSWORD);
		while (answer.isRedirect() && answer.location().startsWith(this.issuer)) {
			answer = this.browser.get(answer.location());
		}
		assertThat(OAuthFlows.redirectParameters(answer)).containsKey("code");
	}

	@Test
	void authorizeWhenPromptNoneAndSignedInThenCodeWithoutAnyPage() {
		signIn(Pkce.generate());
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
				Map.of("prompt", "none"));

		Response response = this.browser.get(url);

		assertThat(OAuthFlows.redirectParameters(response)).containsKey("code");
	}

	@Test
	void authorizeWhenConsentRequiredThenConsentPageAndApprovalRemembered() {
		RegisteredClient consentClient = TestClients.webClient(this.clients, this.clientSecrets, true);
		String url = this.flows.authorizationUrl(consentClient.getClientId(), SCOPE, Pkce.generate(), Map.of());

		Response consentPage = this.flows.authorizeSigningIn(url, this.username);
		assertThat(consentPage.status()).isEqualTo(200);
		assertThat(consentPage.document().select("input[type=checkbox][name=scope]").eachAttr("value"))
			.containsExactlyInAnyOrder("profile", "email", "messages.read");
		assertThat(consentPage.body()).contains("Test Web App");

		Response approved = this.browser.submitForm(consentPage, "form#consent", Map.of("scope", "profile"));
		assertThat(OAuthFlows.redirectParameters(approved)).containsKey("code");

		// asked again only for what was not approved
		Response again = this.flows.authorize(
				this.flows.authorizationUrl(consentClient.getClientId(), "openid profile", Pkce.generate(), Map.of()));
		assertThat(OAuthFlows.redirectParameters(again)).containsKey("code");
	}

	@Test
	void authorizeWhenPromptConsentThenAskedAgainDespiteEarlierApproval() {
		RegisteredClient consentClient = TestClients.webClient(this.clients, this.clientSecrets, true);
		Response first = this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(consentClient.getClientId(), "openid profile", Pkce.generate(), Map.of()),
				this.username);
		this.browser.submitForm(first, "form#consent", Map.of("scope", "profile"));

		Response again = this.flows.authorize(this.flows.authorizationUrl(consentClient.getClientId(), "openid profile",
				Pkce.generate(), Map.of("prompt", "consent")));

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.document().select("form#consent")).hasSize(1);
		Response silent = this.flows.authorize(
				this.flows.authorizationUrl(consentClient.getClientId(), "openid profile", Pkce.generate(), Map.of()));
		assertThat(OAuthFlows.redirectParameters(silent)).containsKey("code");
	}

	@Test
	void authorizeWhenConsentDeniedThenAccessDeniedSentToClient() {
		RegisteredClient consentClient = TestClients.webClient(this.clients, this.clientSecrets, true);
		String url = this.flows.authorizationUrl(consentClient.getClientId(), SCOPE, Pkce.generate(), Map.of());
		Response consentPage = this.flows.authorizeSigningIn(url, this.username);

		Response denied = this.browser.submitForm(consentPage, "form:has(#cancel-consent)", Map.of());

		assertThat(OAuthFlows.redirectParameters(denied)).containsEntry("error", "access_denied")
			.containsEntry("iss", "http://localhost:" + this.port)
			.containsKey("state")
			.doesNotContainKey("code");
	}

	/** The authorization request as a form POST (OpenID Connect Core 3.1.2.1). */
	private Response postAuthorization(String query, String accept) {
		return this.browser
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.issuer + "/oauth2/authorize"))
				.header("Accept", accept)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(query)));
	}

}
