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
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PKCE as RFC 9700 section 2.1.1 has it: required of public clients always, of
 * confidential clients unless their registration opts out, and never downgraded: a
 * {@code code_verifier} for a request that carried no challenge is refused.
 */
class ProofKeyIntegrationTests extends CodeFlowIntegrationTestSupport {

	@Test
	void authorizeWhenConfidentialClientOptedOutAndSendsNoChallengeThenCodeAndTokens() {
		RegisteredClient optedOut = client(ClientType.WEB, false);

		String code = this.flows.code(this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(optedOut.getClientId(), "openid", null, Map.of()), this.username));
		TokenResponse tokens = this.flows.tokenRequest(optedOut.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", TestClients.REDIRECT_URI));

		assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
		assertThat(tokens.get("id_token")).isNotBlank();
	}

	@Test
	void tokenWhenVerifierSentForARequestWithoutChallengeThenInvalidGrant() {
		RegisteredClient optedOut = client(ClientType.WEB, false);
		String code = this.flows.code(this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(optedOut.getClientId(), "openid", null, Map.of()), this.username));

		// an attacker who injected a stolen code adds a verifier of their own (PKCE
		// downgrade, RFC 9700 section 2.1.1)
		TokenResponse tokens = this.flows.tokenRequest(optedOut.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", TestClients.REDIRECT_URI,
						"code_verifier", Pkce.generate().verifier()));

		assertThat(tokens.status()).isEqualTo(400);
		assertThat(tokens.error()).isEqualTo("invalid_grant");
	}

	@Test
	void tokenWhenConfidentialClientOptedOutButSentAChallengeThenTheVerifierIsChecked() {
		RegisteredClient optedOut = client(ClientType.WEB, false);
		String code = this.flows.code(this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(optedOut.getClientId(), "openid", Pkce.generate(), Map.of()),
				this.username));

		TokenResponse tokens = this.flows.tokenRequest(optedOut.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", TestClients.REDIRECT_URI));

		assertThat(tokens.error()).isEqualTo("invalid_grant");
	}

	@Test
	void authorizeWhenPublicClientStoredAsOptedOutAndNoChallengeThenStillInvalidRequest() {
		RegisteredClient publicClient = client(ClientType.PUBLIC, false);

		Response response = this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(publicClient.getClientId(), "openid", null, Map.of()), this.username);

		assertThat(OAuthFlows.redirectParameters(response)).containsEntry("error", "invalid_request")
			.containsEntry("error_description", "OAuth 2.0 Parameter: code_challenge")
			.doesNotContainKey("code");
	}

	/** A client built the way configuration, the portal and registration build them. */
	private RegisteredClient client(ClientType type, boolean requireProofKey) {
		String id = UUID.randomUUID().toString();
		ClientDefinition definition = new ClientDefinition("No PKCE app", type, List.of(TestClients.REDIRECT_URI),
				List.of(), null, Set.of("openid"), false, false, Duration.ofMinutes(5), Duration.ofHours(8),
				new ClientOptions(requireProofKey, false, false, "RS256", false, null, null, List.of(), false));
		String secret = (type == ClientType.PUBLIC) ? null : this.clientSecrets.encode(id, TestClients.SECRET);
		RegisteredClient client = RegisteredClients.build(id, "pkce-" + id.substring(0, 8), definition, secret,
				Duration.ofMinutes(1), false);
		this.clients.save(client);
		return client;
	}

}
