package io.latchkey.authserver.authorization;

import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class ClientCredentialsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets clientSecrets;

	OAuthFlows flows;

	RegisteredClient service;

	@BeforeEach
	void setUp() {
		this.flows = new OAuthFlows(new HttpUserAgent("http://localhost:" + this.port));
		this.service = TestClients.serviceClient(this.clients, this.clientSecrets);
	}

	@Test
	void tokenWhenServiceAuthenticatesThenAccessTokenForTheApiAndNoRefreshToken() throws Exception {
		TokenResponse tokens = this.flows.tokenRequest(this.service.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "client_credentials", "scope", "messages.write"));

		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.get("scope")).isEqualTo("messages.write");
		assertThat(tokens.body()).doesNotContainKeys("refresh_token", "id_token");
		SignedJWT jwt = SignedJWT.parse(tokens.get("access_token"));
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(this.service.getClientId());
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("messages-api");
	}

	@Test
	void tokenWhenSecretWrongThenInvalidClientWithStatus401() {
		TokenResponse tokens = this.flows.tokenRequest(this.service.getClientId(), "wrong-secret",
				Map.of("grant_type", "client_credentials"));

		assertThat(tokens.status()).isEqualTo(401);
		assertThat(tokens.error()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenClientUnknownThenInvalidClientWithStatus401() {
		TokenResponse tokens = this.flows.tokenRequest("no-such-client", TestClients.SECRET,
				Map.of("grant_type", "client_credentials"));

		assertThat(tokens.status()).isEqualTo(401);
		assertThat(tokens.error()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenScopeNotRegisteredThenInvalidScope() {
		TokenResponse tokens = this.flows.tokenRequest(this.service.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "client_credentials", "scope", "openid"));

		assertThat(tokens.status()).isEqualTo(400);
		assertThat(tokens.error()).isEqualTo("invalid_scope");
	}

	@Test
	void tokenWhenGrantNotRegisteredForClientThenUnauthorizedClient() {
		RegisteredClient webClient = TestClients.webClient(this.clients, this.clientSecrets, false);

		TokenResponse tokens = this.flows.tokenRequest(webClient.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "client_credentials"));

		assertThat(tokens.status()).isEqualTo(400);
		assertThat(tokens.error()).isEqualTo("unauthorized_client");
	}

	@Test
	void tokenWhenGrantTypeUnknownThenUnsupportedGrantType() {
		TokenResponse tokens = this.flows.tokenRequest(this.service.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "password", "username", "a", "password", "b"));

		assertThat(tokens.status()).isEqualTo(400);
		assertThat(tokens.error()).isEqualTo("unsupported_grant_type");
	}

}
