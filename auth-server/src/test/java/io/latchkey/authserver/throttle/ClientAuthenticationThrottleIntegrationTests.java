package io.latchkey.authserver.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.client.LatchkeyClientSettings;
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
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
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

	@Test
	void tokenWhenAssertionsFailBeyondTheFreeAttemptsThenEvenTheRightAssertionWaits() throws Exception {
		// private_key_jwt (RFC 7523) is throttled as secrets are: a guesser of keys
		// or a replayer of assertions waits too
		ECKey key = new ECKeyGenerator(Curve.P_256).keyID("client-key").generate();
		ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("client-key").generate();
		String id = UUID.randomUUID().toString();
		RegisteredClient keyed = RegisteredClient.withId(id)
			.clientId("keyed-" + id.substring(0, 8))
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("messages.read")
			.clientSettings(LatchkeyClientSettings
				.writeTo(ClientSettings.builder().tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.ES256))
				.jwks(new JWKSet(key.toPublicJWK()).toString())
				.and()
				.build())
			.build();
		this.clients.save(keyed);
		for (int i = 0; i < 4; i++) {
			assertThat(assertionToken(keyed, stranger).status()).isEqualTo(401);
		}

		TokenResponse waiting = assertionToken(keyed, key);

		assertThat(waiting.status()).isEqualTo(401);
		assertThat(waiting.error()).isEqualTo("invalid_client");
		this.clock.advance(Duration.ofMinutes(2));
		TokenResponse issued = assertionToken(keyed, key);
		assertThat(issued.status()).as(issued.raw().body()).isEqualTo(200);
	}

	private TokenResponse assertionToken(RegisteredClient keyed, ECKey key) throws Exception {
		Instant now = this.clock.instant();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer(keyed.getClientId())
					.subject(keyed.getClientId())
					.audience("http://localhost:" + this.port)
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(60)))
					.jwtID(UUID.randomUUID().toString())
					.build());
		jwt.sign(new ECDSASigner(key));
		Map<String, String> form = new HashMap<>(CLIENT_CREDENTIALS);
		form.put("client_id", keyed.getClientId());
		form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		form.put("client_assertion", jwt.serialize());
		return this.flows.post("/oauth2/token", null, null, form);
	}

	private TokenResponse token(String secret) {
		return this.flows.tokenRequest(this.client.getClientId(), secret, CLIENT_CREDENTIALS);
	}

}
