package io.latchkey.authserver.authorization;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.latchkey.authserver.client.ClientDefinition;
import io.latchkey.authserver.client.ClientOptions;
import io.latchkey.authserver.client.ClientType;
import io.latchkey.authserver.client.RegisteredClients;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh-token rotation as a per-client choice: on by default, with reuse detection (RFC
 * 9700 section 4.14.2); a confidential client may do without (FAPI 2.0 Security Profile
 * 5.3.2.1 asks for no rotation), a public client without DPoP may not.
 */
class RefreshTokenRotationIntegrationTests extends CodeFlowIntegrationTestSupport {

	@Test
	void refreshWhenConfidentialClientOptedOutOfRotationThenTheSameRefreshTokenKeepsWorking() {
		RegisteredClient steady = client(ClientType.WEB, false, false);
		String refreshToken = signInAndExchange(steady).get("refresh_token");

		TokenResponse first = refresh(steady, refreshToken);
		TokenResponse second = refresh(steady, refreshToken);

		assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
		assertThat(first.get("refresh_token")).isEqualTo(refreshToken);
		assertThat(second.status()).as("no reuse to detect: the token is meant to be used again").isEqualTo(200);
		assertThat(second.get("access_token")).isNotBlank();
	}

	@Test
	void refreshWhenClientRotatesThenANewTokenAndTheOldOneIsReuse() {
		RegisteredClient rotating = client(ClientType.WEB, true, false);
		String refreshToken = signInAndExchange(rotating).get("refresh_token");

		TokenResponse rotated = refresh(rotating, refreshToken);
		TokenResponse reused = refresh(rotating, refreshToken);

		assertThat(rotated.get("refresh_token")).isNotBlank().isNotEqualTo(refreshToken);
		assertThat(reused.error()).isEqualTo("invalid_grant");
		assertThat(refresh(rotating, rotated.get("refresh_token")).error()).as("the family is revoked")
			.isEqualTo("invalid_grant");
	}

	@Test
	void publicClientWhenItAsksNotToRotateThenItRotatesUnlessItsTokensAreBound() {
		assertThat(client(ClientType.PUBLIC, false, false).getTokenSettings().isReuseRefreshTokens()).isFalse();
		assertThat(client(ClientType.PUBLIC, false, true).getTokenSettings().isReuseRefreshTokens()).isTrue();
	}

	private TokenResponse signInAndExchange(RegisteredClient client) {
		Pkce pkce = Pkce.generate();
		String code = this.flows.code(this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(client.getClientId(), "openid", pkce, Map.of()), this.username));
		TokenResponse tokens = this.flows.exchangeCode(client.getClientId(), code, pkce.verifier());
		assertThat(tokens.get("refresh_token")).isNotBlank();
		return tokens;
	}

	private TokenResponse refresh(RegisteredClient client, String refreshToken) {
		return this.flows.tokenRequest(client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

	private RegisteredClient client(ClientType type, boolean rotate, boolean requireDPoP) {
		String id = UUID.randomUUID().toString();
		ClientDefinition definition = new ClientDefinition("Rotation app", type, List.of(TestClients.REDIRECT_URI),
				List.of(), null, Set.of("openid"), false, false, Duration.ofMinutes(5), Duration.ofHours(8),
				new ClientOptions(true, false, requireDPoP, "RS256", false, null, null, List.of(), false, null, null,
						null, ClientOptions.SECRET, rotate));
		String secret = (type == ClientType.PUBLIC) ? null : this.clientSecrets.encode(id, TestClients.SECRET);
		RegisteredClient client = RegisteredClients.build(id, "rotation-" + id.substring(0, 8), definition, secret,
				Duration.ofMinutes(1), false);
		this.clients.save(client);
		return client;
	}

}
