package io.latchkey.authserver.authorization;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.latchkey.authserver.client.ClientRegistrations;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortcuts of the lookups behind userinfo, introspection and refresh (one statement
 * for userinfo, a typed lookup for a JWT without a hint, one update when a refresh
 * rotates) answer as the library's longer way did: what a token may do is decided by the
 * database as it is at that moment.
 */
class StoredLookupsIntegrationTests extends CodeFlowIntegrationTestSupport {

	@Autowired
	ClientRegistrations registrations;

	@Test
	void userinfoWhenTheAccountChangesThenTheNextAnswerShowsIt() {
		TokenResponse tokens = signInAndExchange();
		assertThat(userInfo(tokens).body()).doesNotContainKey("given_name");

		this.jdbc.sql("update user_account set given_name = 'Ada', display_name = 'Ada L.' where username = ?")
			.param(this.username)
			.update();

		// OpenID Connect Core 5.3: the claims about the person as they are now
		assertThat(userInfo(tokens).body()).containsEntry("given_name", "Ada").containsEntry("name", "Ada L.");
	}

	@Test
	void userinfoWhenTheAccessTokenExpiredThenInvalidToken() {
		TokenResponse tokens = signInAndExchange();

		this.clock.advance(Duration.ofHours(2));

		TokenResponse userInfo = userInfo(tokens);
		assertThat(userInfo.status()).isEqualTo(401);
		assertThat(userInfo.raw().header("WWW-Authenticate")).contains("invalid_token");
	}

	@Test
	void userinfoWhenTheTokenWasNotGrantedOpenidThenInsufficientScope() {
		RegisteredClient service = TestClients.serviceClient(this.clients, this.clientSecrets);
		TokenResponse tokens = this.flows.tokenRequest(service.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "client_credentials", "scope", "messages.read"));

		TokenResponse userInfo = userInfo(tokens);

		// RFC 6750 section 3.1
		assertThat(userInfo.status()).as(userInfo.raw().body() + userInfo.raw().header("WWW-Authenticate"))
			.isEqualTo(403);
		assertThat(userInfo.raw().header("WWW-Authenticate")).contains("insufficient_scope");
	}

	@Test
	void tokensWhenTheClientIsDisabledThenUserinfoIntrospectionAndRefreshRefuseThem() {
		TokenResponse tokens = signInAndExchange();
		RegisteredClient other = TestClients.webClient(this.clients, this.clientSecrets, false);

		this.registrations.setDisabled(this.client, true, UUID.randomUUID(), "admin");

		TokenResponse userInfo = userInfo(tokens);
		assertThat(userInfo.status()).as(userInfo.raw().body()).isEqualTo(401);
		assertThat(this.flows
			.post("/oauth2/introspect", other.getClientId(), TestClients.SECRET,
					Map.of("token", tokens.get("access_token")))
			.body()).containsEntry("active", false);
		assertThat(refresh(tokens.get("refresh_token")).error()).isEqualTo("invalid_client");
	}

	@Test
	void tokensWhenTheHintIsMissingOrWrongThenTheServerFindsThemAnyway() {
		TokenResponse tokens = signInAndExchange();

		// RFC 7662 section 2.1 and RFC 7009 section 2.1: the hint is optional, and a
		// wrong one only widens the search
		assertThat(this.flows
			.post("/oauth2/introspect", this.client.getClientId(), TestClients.SECRET,
					Map.of("token", tokens.get("access_token"), "token_type_hint", "refresh_token"))
			.body()).containsEntry("active", true);
		assertThat(this.flows
			.post("/oauth2/revoke", this.client.getClientId(), TestClients.SECRET,
					Map.of("token", tokens.get("refresh_token")))
			.status()).isEqualTo(200);
		assertThat(refresh(tokens.get("refresh_token")).error()).isEqualTo("invalid_grant");
	}

	@Test
	void refreshWhenRotatedTwiceThenOneAuthorizationHoldsTheNewestTokensAndAReuseRevokesIt() {
		TokenResponse first = signInAndExchange();
		TokenResponse second = refresh(first.get("refresh_token"));
		TokenResponse third = refresh(second.get("refresh_token"));
		assertThat(third.status()).isEqualTo(200);

		assertThat(this.jdbc.sql("select refresh_token_value from oauth2_authorization where registered_client_id = ?")
			.param(this.client.getId())
			.query(String.class)
			.list()).containsExactly(third.get("refresh_token"));
		assertThat(introspect(third.get("access_token")).body()).containsEntry("active", true);
		assertThat(introspect(second.get("access_token")).body()).containsEntry("active", false);

		// a used refresh token again: the family is revoked (OAuth 2.0 Security BCP
		// 4.14.2)
		assertThat(refresh(second.get("refresh_token")).error()).isEqualTo("invalid_grant");
		assertThat(refresh(third.get("refresh_token")).error()).isEqualTo("invalid_grant");
		TokenResponse userInfo = userInfo(third);
		assertThat(userInfo.status()).as(userInfo.raw().body()).isEqualTo(401);
	}

	private TokenResponse userInfo(TokenResponse tokens) {
		return this.flows.getWithBearer("/userinfo", tokens.get("access_token"));
	}

}
