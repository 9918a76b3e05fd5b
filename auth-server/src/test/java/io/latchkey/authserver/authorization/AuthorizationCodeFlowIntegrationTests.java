package io.latchkey.authserver.authorization;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.latchkey.authserver.account.UserAccount;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.token.RefreshTokenReuseDetection;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.MovableClock;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization code flow with PKCE as a relying party runs it, over HTTP, through
 * the real sign-in page, and every failure the specifications name with its exact error.
 */
@AuthServerIntegrationTest
class AuthorizationCodeFlowIntegrationTests {

	private static final String SCOPE = "openid profile email messages.read";

	private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets clientSecrets;

	@Autowired
	UserAccountRepository accounts;

	String issuer;

	HttpUserAgent browser;

	OAuthFlows flows;

	RegisteredClient client;

	String username;

	@BeforeEach
	void setUp() {
		this.issuer = "http://localhost:" + this.port;
		this.browser = new HttpUserAgent(this.issuer);
		this.flows = new OAuthFlows(this.browser);
		this.client = TestClients.webClient(this.clients, this.clientSecrets, false);
		this.username = Accounts.newUsername();
		Accounts.register(this.browser, this.username);
	}

	@Test
	void authorizeWhenUserSignsInThenCodeExchangedForValidTokens() throws Exception {
		Pkce pkce = Pkce.generate();
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, pkce, Map.of());

		Response redirect = this.flows.authorizeSigningIn(url, this.username);
		Map<String, String> parameters = OAuthFlows.redirectParameters(redirect);
		assertThat(parameters).containsKey("code");
		assertThat(url).contains("state=" + parameters.get("state"));
		// RFC 9207: the response names the server that sent it
		assertThat(parameters).containsEntry("iss", "http://localhost:" + this.port);

		TokenResponse tokens = this.flows.exchangeCode(this.client.getClientId(), parameters.get("code"),
				pkce.verifier());
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.get("token_type")).isEqualTo("Bearer");
		assertThat(tokens.get("refresh_token")).isNotBlank();
		assertThat(tokens.get("scope").split(" ")).containsExactlyInAnyOrder(SCOPE.split(" "));

		UserAccount account = this.accounts.findByUsername(this.username).orElseThrow();
		JWTClaimsSet idToken = verify(tokens.get("id_token"), Set.of("auth_time", "sid"));
		assertThat(idToken.getIssuer()).isEqualTo(this.issuer);
		assertThat(idToken.getAudience()).containsExactly(this.client.getClientId());
		assertThat(idToken.getSubject()).isEqualTo(account.getId().toString());
		assertThat(idToken.getStringClaim("nonce")).isEqualTo("nonce-1");
		assertThat(idToken.getStringClaim("preferred_username")).isEqualTo(this.username);
		assertThat(idToken.getStringClaim("name")).isEqualTo(this.username);
		assertThat(idToken.getStringClaim("email")).isEqualTo(this.username + "@example.com");
		assertThat(idToken.getBooleanClaim("email_verified")).isFalse();

		// the JWT profile for access tokens (RFC 9068)
		JWTClaimsSet accessToken = verify(tokens.get("access_token"), Set.of("jti", "client_id", "scope"),
				ACCESS_TOKEN_TYPE);
		assertThat(accessToken.getAudience()).containsExactlyInAnyOrder(this.client.getClientId(), "messages-api");
		assertThat(accessToken.getSubject()).isEqualTo(account.getId().toString());
		assertThat(accessToken.getStringClaim("client_id")).isEqualTo(this.client.getClientId());
	}

	@Test
	void tokenWhenResourceNamedThenAudienceIsThatApiAlone() throws Exception {
		Pkce pkce = Pkce.generate();
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, pkce,
				Map.of("resource", "https://messages.example.test"));
		String code = this.flows.code(this.flows.authorizeSigningIn(url, this.username));

		TokenResponse tokens = this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier());

		assertThat(SignedJWT.parse(tokens.get("access_token")).getJWTClaimsSet().getAudience())
			.containsExactly("messages-api");
	}

	@Test
	void authorizeWhenResourceUnknownThenInvalidTarget() {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
				Map.of("resource", "https://unknown.example.test"));

		Response response = this.flows.authorizeSigningIn(url, this.username);

		assertThat(OAuthFlows.redirectParameters(response)).containsEntry("error", "invalid_target");
	}

	@Test
	void userinfoWhenIdTokenPresentedAsBearerTokenThenRefused() {
		TokenResponse tokens = signInAndExchange();

		TokenResponse response = this.flows.getWithBearer("/userinfo", tokens.get("id_token"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.raw().header("WWW-Authenticate")).contains("invalid_token");
	}

	@Test
	void idTokenWhenOnlyOpenidGrantedThenNoProfileOrEmailClaims() throws Exception {
		Pkce pkce = Pkce.generate();
		String url = this.flows.authorizationUrl(this.client.getClientId(), "openid", pkce, Map.of());
		String code = this.flows.code(this.flows.authorizeSigningIn(url, this.username));

		TokenResponse tokens = this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier());

		JWTClaimsSet idToken = verify(tokens.get("id_token"), Set.of());
		assertThat(idToken.getClaims()).doesNotContainKeys("email", "email_verified", "name", "preferred_username");
	}

	@Test
	void userinfoWhenAccessTokenValidThenClaimsOfGrantedScopes() {
		TokenResponse tokens = signInAndExchange();

		TokenResponse userInfo = this.flows.getWithBearer("/userinfo", tokens.get("access_token"));

		assertThat(userInfo.status()).isEqualTo(200);
		UserAccount account = this.accounts.findByUsername(this.username).orElseThrow();
		assertThat(userInfo.body()).containsEntry("sub", account.getId().toString())
			.containsEntry("preferred_username", this.username)
			.containsEntry("email", this.username + "@example.com")
			.containsEntry("email_verified", false);
	}

	@Test
	void userinfoWhenNoTokenThenUnauthorized() {
		TokenResponse userInfo = this.flows.getWithBearer("/userinfo", "not-a-token");

		assertThat(userInfo.status()).isEqualTo(401);
		assertThat(userInfo.raw().header("WWW-Authenticate")).contains("invalid_token");
	}

	@Test
	void refreshWhenRefreshTokenValidThenNewTokensAndOldRefreshTokenRefused() {
		TokenResponse tokens = signInAndExchange();

		TokenResponse refreshed = this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token")));

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.get("access_token")).isNotEqualTo(tokens.get("access_token"));
		assertThat(refreshed.get("refresh_token")).isNotBlank().isNotEqualTo(tokens.get("refresh_token"));
		assertThat(refreshed.get("id_token")).isNotBlank();

		TokenResponse reused = this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token")));
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.error()).isEqualTo("invalid_grant");
	}

	@Test
	void refreshWhenAUsedRefreshTokenIsPresentedAgainThenTheWholeFamilyIsRevoked() {
		TokenResponse first = signInAndExchange();
		TokenResponse second = refresh(first.get("refresh_token"));
		TokenResponse third = refresh(second.get("refresh_token"));
		assertThat(third.status()).isEqualTo(200);

		// someone replays the first refresh token
		TokenResponse replayed = refresh(first.get("refresh_token"));

		assertThat(replayed.status()).isEqualTo(400);
		assertThat(replayed.error()).isEqualTo("invalid_grant");
		// the legitimate client's newest tokens die with the family
		TokenResponse newest = refresh(third.get("refresh_token"));
		assertThat(newest.error()).isEqualTo("invalid_grant");
		assertThat(introspect(third.get("access_token")).body()).containsEntry("active", false);
		assertThat(this.jdbc
			.sql("select count(*) from audit_event where event_type = 'REFRESH_TOKEN_REUSED'" + " and client_id = ?")
			.param(this.client.getClientId())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void refreshWhenChainOlderThanTheClientsAbsoluteLifetimeThenInvalidGrant() {
		RegisteredClient shortLived = RegisteredClient.from(this.client)
			.tokenSettings(TokenSettings.withSettings(this.client.getTokenSettings().getSettings())
				.setting(RefreshTokenReuseDetection.ABSOLUTE_LIFETIME_SETTING, Duration.ofHours(1))
				.build())
			.build();
		this.clients.save(shortLived);
		TokenResponse tokens = signInAndExchange();
		TokenResponse refreshed = refresh(tokens.get("refresh_token"));
		assertThat(refreshed.status()).isEqualTo(200);

		this.clock.advance(Duration.ofHours(1).plusMinutes(1));
		TokenResponse late = refresh(refreshed.get("refresh_token"));

		assertThat(late.status()).isEqualTo(400);
		assertThat(late.error()).isEqualTo("invalid_grant");
	}

	@Test
	void refreshWhenTokenUnknownThenInvalidGrantAndNothingRevoked() {
		TokenResponse tokens = signInAndExchange();

		assertThat(refresh("never-issued-token").error()).isEqualTo("invalid_grant");
		assertThat(refresh(tokens.get("refresh_token")).status()).isEqualTo(200);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	private TokenResponse refresh(String refreshToken) {
		return this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

	@Test
	void introspectWhenAccessTokenActiveThenActiveWithClaims() {
		TokenResponse tokens = signInAndExchange();

		TokenResponse introspection = introspect(tokens.get("access_token"));

		assertThat(introspection.status()).isEqualTo(200);
		assertThat(introspection.body()).containsEntry("active", true)
			.containsEntry("client_id", this.client.getClientId())
			.containsEntry("token_type", "Bearer");
		assertThat(introspection.get("scope")).contains("messages.read");
	}

	@Test
	void introspectWhenTokenUnknownThenInactive() {
		assertThat(introspect("no-such-token").body()).containsExactlyEntriesOf(Map.of("active", false));
	}

	@Test
	void revokeWhenAccessTokenRevokedThenIntrospectionInactiveAndUserinfoRefused() {
		TokenResponse tokens = signInAndExchange();

		TokenResponse revocation = this.flows.post("/oauth2/revoke", this.client.getClientId(), TestClients.SECRET,
				Map.of("token", tokens.get("access_token"), "token_type_hint", "access_token"));

		assertThat(revocation.status()).isEqualTo(200);
		assertThat(introspect(tokens.get("access_token")).body()).containsEntry("active", false);
		assertThat(this.flows.getWithBearer("/userinfo", tokens.get("access_token")).status()).isEqualTo(401);
	}

	@Test
	void revokeWhenRefreshTokenRevokedThenRefreshRefused() {
		TokenResponse tokens = signInAndExchange();

		this.flows.post("/oauth2/revoke", this.client.getClientId(), TestClients.SECRET,
				Map.of("token", tokens.get("refresh_token")));

		TokenResponse refreshed = this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token")));
		assertThat(refreshed.error()).isEqualTo("invalid_grant");
	}

	@Test
	void tokenWhenCodeVerifierWrongThenInvalidGrant() {
		Pkce pkce = Pkce.generate();
		String code = signIn(pkce);

		TokenResponse tokens = this.flows.exchangeCode(this.client.getClientId(), code, Pkce.generate().verifier());

		assertThat(tokens.status()).isEqualTo(400);
		assertThat(tokens.error()).isEqualTo("invalid_grant");
	}

	@Test
	void tokenWhenCodeVerifierMissingThenInvalidGrant() {
		String code = signIn(Pkce.generate());

		TokenResponse tokens = this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", TestClients.REDIRECT_URI));

		assertThat(tokens.status()).isEqualTo(400);
		assertThat(tokens.error()).isEqualTo("invalid_grant");
	}

	@Test
	void tokenWhenCodeUsedTwiceThenInvalidGrantAndFirstTokensRevoked() {
		Pkce pkce = Pkce.generate();
		String code = signIn(pkce);
		TokenResponse first = this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier());
		assertThat(first.status()).isEqualTo(200);

		TokenResponse second = this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier());

		assertThat(second.status()).isEqualTo(400);
		assertThat(second.error()).isEqualTo("invalid_grant");
		// RFC 6749 section 4.1.2: the tokens issued for a replayed code are revoked
		assertThat(introspect(first.get("access_token")).body()).containsEntry("active", false);
	}

	@Test
	void tokenWhenRedirectUriDiffersThenInvalidGrant() {
		Pkce pkce = Pkce.generate();
		String code = signIn(pkce);

		TokenResponse tokens = this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", "http://127.0.0.1:8080/other",
						"code_verifier", pkce.verifier()));

		assertThat(tokens.status()).isEqualTo(400);
		assertThat(tokens.error()).isEqualTo("invalid_grant");
	}

	@Test
	void tokenWhenClientSecretWrongThenInvalidClientWithStatus401() {
		Pkce pkce = Pkce.generate();
		String code = signIn(pkce);

		TokenResponse tokens = this.flows.tokenRequest(this.client.getClientId(), "wrong-secret",
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", TestClients.REDIRECT_URI,
						"code_verifier", pkce.verifier()));

		assertThat(tokens.status()).isEqualTo(401);
		assertThat(tokens.error()).isEqualTo("invalid_client");
		// the code was not spent by the failed attempt
		assertThat(this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier()).status()).isEqualTo(200);
	}

	@Test
	void authorizeWhenRedirectUriNotRegisteredThenErrorShownAndNoRedirect() {
		this.flows.authorize(this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(), Map.of()));
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, Pkce.generate(),
				Map.of("redirect_uri", "https://attacker.example/callback"));

		Response response = this.browser.get(url);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.location()).isNull();
		assertThat(response.document().select("#error-message").text()).contains("invalid_request")
			.contains("redirect_uri");
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
		assertThat(response.document().select("#error-message").text()).contains("client_id");
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
		assertThat(response.document().select("#error-message").text()).contains("unsupported_response_type");
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

	@Test
	void endSessionWhenIdTokenHintAndRegisteredPostLogoutUriThenSignedOutAndRedirected() {
		TokenResponse tokens = signInAndExchange();

		Response response = this.browser.get("/connect/logout?id_token_hint=" + tokens.get("id_token")
				+ "&post_logout_redirect_uri=http://127.0.0.1:8080/&state=bye");

		assertThat(response.location()).isEqualTo("http://127.0.0.1:8080/?state=bye");
		assertThat(this.browser.get("/").location()).endsWith("/login");
	}

	@Test
	void endSessionWhenNoPostLogoutUriThenSignedOutAndSignInPageSaysSo() {
		TokenResponse tokens = signInAndExchange();

		Response response = this.browser.get("/connect/logout?id_token_hint=" + tokens.get("id_token"));

		assertThat(response.location()).endsWith("/login?logout");
		assertThat(this.browser.follow(response).document().select("[role=status]").text())
			.isEqualTo("You have signed out.");
		assertThat(this.browser.get("/").location()).endsWith("/login");
	}

	@Test
	void endSessionWhenPostLogoutUriNotRegisteredThenRefused() {
		TokenResponse tokens = signInAndExchange();

		Response response = this.browser.get("/connect/logout?id_token_hint=" + tokens.get("id_token")
				+ "&post_logout_redirect_uri=https://attacker.example/");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.location()).isNull();
	}

	private String signIn(Pkce pkce) {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, pkce, Map.of());
		return this.flows.code(this.flows.authorizeSigningIn(url, this.username));
	}

	private TokenResponse signInAndExchange() {
		Pkce pkce = Pkce.generate();
		TokenResponse tokens = this.flows.exchangeCode(this.client.getClientId(), signIn(pkce), pkce.verifier());
		assertThat(tokens.status()).isEqualTo(200);
		return tokens;
	}

	private TokenResponse introspect(String token) {
		return this.flows.post("/oauth2/introspect", this.client.getClientId(), TestClients.SECRET,
				Map.of("token", token));
	}

	/**
	 * Verifies signature (RS256, against the published JWKS), expiry, issuer and required
	 * claims.
	 */
	private JWTClaimsSet verify(String jwt, Set<String> requiredClaims) throws Exception {
		return verify(jwt, requiredClaims, null);
	}

	/** As above, for a token of the given JOSE type ({@code typ}). */
	private JWTClaimsSet verify(String jwt, Set<String> requiredClaims, JOSEObjectType type) throws Exception {
		JWKSet keys = JWKSet.parse(this.browser.get("/oauth2/jwks").body());
		Set<String> required = new HashSet<>(requiredClaims);
		required.addAll(Set.of("sub", "iat", "exp", "aud"));
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		if (type != null) {
			processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(type));
		}
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
		processor.setJWTClaimsSetVerifier(
				new DefaultJWTClaimsVerifier<>(new JWTClaimsSet.Builder().issuer(this.issuer).build(), required));
		return processor.process(jwt, null);
	}

}
