package io.latchkey.authserver.authorization;

import java.util.Map;

import io.latchkey.authserver.account.UserAccount;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client does with its tokens: userinfo (OpenID Connect Core 5.3), introspection
 * (RFC 7662) and revocation (RFC 7009).
 */
class TokenUseIntegrationTests extends CodeFlowIntegrationTestSupport {

	@Test
	void userinfoWhenIdTokenPresentedAsBearerTokenThenRefused() {
		TokenResponse tokens = signInAndExchange();

		TokenResponse response = this.flows.getWithBearer("/userinfo", tokens.get("id_token"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.raw().header("WWW-Authenticate")).contains("invalid_token");
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
	void userinfoWhenAccessTokenPostedInTheFormBodyThenClaims() {
		TokenResponse tokens = signInAndExchange();

		// RFC 6750 section 2.2; OpenID Connect Core 5.3.1 allows POST to userinfo
		TokenResponse userInfo = this.flows.post("/userinfo", null, null,
				Map.of("access_token", tokens.get("access_token")));

		assertThat(userInfo.status()).as(userInfo.raw().body()).isEqualTo(200);
		assertThat(userInfo.get("sub")).isNotBlank();
	}

	@Test
	void userinfoWhenNoTokenThenUnauthorized() {
		TokenResponse userInfo = this.flows.getWithBearer("/userinfo", "not-a-token");

		assertThat(userInfo.status()).isEqualTo(401);
		assertThat(userInfo.raw().header("WWW-Authenticate")).contains("invalid_token");
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
	void introspectWhenRefreshTokenActiveThenActiveAndInactiveOnceRevoked() {
		// RFC 7662 section 2.1: the token may be an access or a refresh token; a refresh
		// token carries no iss of its own, and it is ours because we stored it
		TokenResponse tokens = signInAndExchange();

		TokenResponse introspection = introspect(tokens.get("refresh_token"));

		assertThat(introspection.body()).containsEntry("active", true)
			.containsEntry("client_id", this.client.getClientId());
		this.flows.post("/oauth2/revoke", this.client.getClientId(), TestClients.SECRET,
				Map.of("token", tokens.get("refresh_token")));
		assertThat(introspect(tokens.get("refresh_token")).body()).containsExactlyEntriesOf(Map.of("active", false));
	}

	@Test
	void introspectWhenTokenUnknownThenInactive() {
		assertThat(introspect("no-such-token").body()).containsExactlyEntriesOf(Map.of("active", false));
	}

	@Test
	void revokeWhenAccessTokenRevokedThenIntrospectionInactiveAndUserinfoRefused() {
		TokenResponse tokens = signInAndExchange();
		// seen once while active (its stored metadata parsed and kept), then revoked
		assertThat(introspect(tokens.get("access_token")).body()).containsEntry("active", true);
		assertThat(this.flows.getWithBearer("/userinfo", tokens.get("access_token")).status()).isEqualTo(200);

		TokenResponse revocation = this.flows.post("/oauth2/revoke", this.client.getClientId(), TestClients.SECRET,
				Map.of("token", tokens.get("access_token"), "token_type_hint", "access_token"));

		assertThat(revocation.status()).isEqualTo(200);
		assertThat(introspect(tokens.get("access_token")).body()).containsEntry("active", false);
		TokenResponse userInfo = this.flows.getWithBearer("/userinfo", tokens.get("access_token"));
		assertThat(userInfo.status()).isEqualTo(401);
		// RFC 6750 section 3: the challenge names the error (the library's userinfo
		// answered a revoked token without one)
		assertThat(userInfo.raw().header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
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

}
