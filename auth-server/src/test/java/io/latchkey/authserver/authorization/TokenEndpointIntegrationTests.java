package io.latchkey.authserver.authorization;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.authserver.account.UserAccount;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import io.latchkey.authserver.token.RefreshTokenReuseDetection;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint of the code flow: the code exchanged for valid tokens (checked as a
 * relying party checks them), refresh-token rotation and reuse, and every refusal with
 * its exact error (RFC 6749 section 5.2).
 */
class TokenEndpointIntegrationTests extends CodeFlowIntegrationTestSupport {

	@Test
	void codeWhenIssuedThenItLivesAtMostAMinuteWhateverTheClientsSettingsSay() {
		// the test client is stored with the library's default of five minutes
		assertThat(this.client.getTokenSettings().getAuthorizationCodeTimeToLive()).isEqualTo(Duration.ofMinutes(5));

		signIn(Pkce.generate());

		// FAPI 2.0 Security Profile 5.3.2.1: "shall not allow ... longer than 60 seconds"
		Duration lifetime = this.jdbc
			.sql("select authorization_code_issued_at, authorization_code_expires_at from oauth2_authorization"
					+ " where registered_client_id = ?")
			.param(this.client.getId())
			.query((row, number) -> Duration.between(row.getTimestamp(1).toInstant(), row.getTimestamp(2).toInstant()))
			.single();
		assertThat(lifetime).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
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
		// RFC 9068 section 2.2.3 (RFC 8693 section 4.2): one space-separated string
		assertThat(accessToken.getClaim("scope")).isInstanceOf(String.class);
		assertThat(accessToken.getStringClaim("scope").split(" ")).containsExactlyInAnyOrder(SCOPE.split(" "));
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
	void idTokenWhenOnlyOpenidGrantedThenNoProfileOrEmailClaims() throws Exception {
		Pkce pkce = Pkce.generate();
		String url = this.flows.authorizationUrl(this.client.getClientId(), "openid", pkce, Map.of());
		String code = this.flows.code(this.flows.authorizeSigningIn(url, this.username));

		TokenResponse tokens = this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier());

		JWTClaimsSet idToken = verify(tokens.get("id_token"), Set.of());
		assertThat(idToken.getClaims()).doesNotContainKeys("email", "email_verified", "name", "preferred_username");
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
	void tokenWhenAnUnknownPublicClientIdIsSentAloneThen401WithAChallenge() {
		// RFC 9110 section 15.5.2: a 401 "MUST send a WWW-Authenticate header field",
		// also when the client did not try the Authorization header (it had none)
		TokenResponse tokens = this.flows.post("/oauth2/token", null, null, Map.of("grant_type",
				"urn:ietf:params:oauth:grant-type:device_code", "device_code", "xyz", "client_id", "no-such-client"));

		assertThat(tokens.status()).isEqualTo(401);
		assertThat(tokens.error()).isEqualTo("invalid_client");
		assertThat(tokens.raw().header("WWW-Authenticate")).startsWith("Basic");
	}

	@Test
	void tokenWhenABearerTokenIsSentInsteadOfClientAuthenticationThenInvalidClient() {
		// RFC 6749 section 5.2: a bearer token authenticates no client here (it was
		// taken for a resource request: an empty 401 of RFC 6750)
		TokenResponse tokens = this.flows.post("/oauth2/token", null, null, Map.of("grant_type", "client_credentials"),
				Map.of("Authorization", "Bearer some-access-token"));

		assertThat(tokens.status()).isEqualTo(401);
		assertThat(tokens.error()).isEqualTo("invalid_client");
	}

}
