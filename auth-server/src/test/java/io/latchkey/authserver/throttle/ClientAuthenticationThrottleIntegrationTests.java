package io.latchkey.authserver.throttle;

import java.time.Duration;
import java.util.Map;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.MovableClock;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing a client secret at the token endpoint: after the free attempts a client id
 * must wait, the right secret is refused while it waits, and every refusal looks alike.
 */
@AuthServerIntegrationTest
@TestPropertySource(properties = { "latchkey.throttle.client-authentication.free-attempts=3",
		"latchkey.throttle.client-authentication.first-delay=1m",
		"latchkey.throttle.client-authentication.maximum-delay=5m",
		"latchkey.throttle.client-authentication.lock-after=0",
		"latchkey.throttle.client-authentication.lock-duration=0s",
		"latchkey.throttle.client-authentication.forget-after=1h" })
class ClientAuthenticationThrottleIntegrationTests {

	private static final Map<String, String> CLIENT_CREDENTIALS = Map.of("grant_type", "client_credentials", "scope",
			"messages.read");

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets clientSecrets;

	@Autowired
	MovableClock clock;

	OAuthFlows flows;

	RegisteredClient client;

	@BeforeEach
	void setUp() {
		this.flows = new OAuthFlows(new HttpUserAgent("http://localhost:" + this.port));
		this.client = TestClients.serviceClient(this.clients, this.clientSecrets);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void tokenWhenSecretsGuessedBeyondTheFreeAttemptsThenEvenTheRightSecretWaits() {
		TokenResponse wrong = null;
		for (int i = 0; i < 4; i++) {
			wrong = token("guess-" + i);
			assertThat(wrong.status()).isEqualTo(401);
		}

		TokenResponse waiting = token(TestClients.SECRET);

		assertThat(waiting.status()).isEqualTo(401);
		assertThat(waiting.body()).isEqualTo(wrong.body());
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(token(TestClients.SECRET).status()).isEqualTo(200);
	}

	@Test
	void tokenWhenClientUnknownOrSecretWrongThenTheSameAnswer() {
		TokenResponse unknown = this.flows.tokenRequest("no-such-client", "guess", CLIENT_CREDENTIALS);
		TokenResponse wrong = token("guess");

		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.error()).isEqualTo("invalid_client");
		assertThat(unknown.body()).isEqualTo(wrong.body());
	}

	private TokenResponse token(String secret) {
		return this.flows.tokenRequest(this.client.getClientId(), secret, CLIENT_CREDENTIALS);
	}

}
