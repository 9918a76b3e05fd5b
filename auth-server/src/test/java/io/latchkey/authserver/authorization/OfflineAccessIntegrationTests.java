package io.latchkey.authserver.authorization;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.latchkey.authserver.client.ClientDefinition;
import io.latchkey.authserver.client.ClientType;
import io.latchkey.authserver.client.RegisteredClients;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code offline_access} (OpenID Connect Core 11): asked for, it always brings the
 * consent page, and the refresh token then outlives the person's sign-out; without it,
 * signing out ends the grants of that session.
 */
class OfflineAccessIntegrationTests extends CodeFlowIntegrationTestSupport {

	RegisteredClient noConsentClient;

	@BeforeEach
	void offlineCapableClient() {
		String id = UUID.randomUUID().toString();
		this.noConsentClient = RegisteredClients.build(id, "offline-" + id.substring(0, 8),
				new ClientDefinition("Offline app", ClientType.WEB, List.of(TestClients.REDIRECT_URI), List.of(), null,
						Set.of("openid", "offline_access"), false, false, Duration.ofMinutes(5), Duration.ofHours(8)),
				this.clientSecrets.encode(id, TestClients.SECRET), Duration.ofMinutes(1), false);
		this.clients.save(this.noConsentClient);
	}

	@Test
	void authorizeWhenOfflineAccessAskedThenConsentIsAskedAndTheRefreshTokenOutlivesSignOut() {
		Pkce pkce = Pkce.generate();
		Response consent = this.flows.authorizeSigningIn(this.flows.authorizationUrl(this.noConsentClient.getClientId(),
				"openid offline_access", pkce, Map.of()), this.username);

		// "the OP MUST always obtain consent", though this client asks for none
		assertThat(consent.document().select("#scope-offline_access")).hasSize(1);
		Response redirect = this.browser.submitFormAsBrowser(consent, "form#consent");
		TokenResponse tokens = this.flows.exchangeCode(this.noConsentClient.getClientId(), this.flows.code(redirect),
				pkce.verifier());
		assertThat(tokens.get("scope").split(" ")).contains("offline_access");

		this.browser.submitForm("/", "form[action$=/logout]", Map.of());

		assertThat(refreshOwn(tokens.get("refresh_token")).status()).isEqualTo(200);
	}

	@Test
	void signOutWhenOfflineAccessWasNotGrantedThenTheSessionsRefreshTokenEnds() {
		Pkce pkce = Pkce.generate();
		String code = this.flows.code(this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(this.noConsentClient.getClientId(), "openid", pkce, Map.of()),
				this.username));
		TokenResponse tokens = this.flows.exchangeCode(this.noConsentClient.getClientId(), code, pkce.verifier());
		assertThat(refreshOwn(tokens.get("refresh_token")).status()).isEqualTo(200);
		String current = this.jdbc
			.sql("select refresh_token_value from oauth2_authorization where registered_client_id = ?")
			.param(this.noConsentClient.getId())
			.query(String.class)
			.single();

		this.browser.submitForm("/", "form[action$=/logout]", Map.of());

		assertThat(refreshOwn(current).error()).isEqualTo("invalid_grant");
	}

	private TokenResponse refreshOwn(String refreshToken) {
		return this.flows.tokenRequest(this.noConsentClient.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

}
