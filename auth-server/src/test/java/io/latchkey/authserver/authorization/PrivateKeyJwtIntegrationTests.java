package io.latchkey.authserver.authorization;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code private_key_jwt} client authentication (OpenID Connect Core 9, RFC 7523), the
 * library's: the client signs an assertion with its own key, published at its JWKS URI.
 */
@AuthServerIntegrationTest
class PrivateKeyJwtIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	HttpServer clientJwks;

	RSAKey clientKey;

	RegisteredClient client;

	@BeforeEach
	void setUp() throws Exception {
		this.clientKey = new RSAKeyGenerator(2048).keyID("client-key").generate();
		this.clientJwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		byte[] jwks = new JWKSet(this.clientKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.clientJwks.createContext("/jwks", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(jwks);
			}
		});
		this.clientJwks.start();
		String id = UUID.randomUUID().toString();
		this.client = RegisteredClient.withId(id)
			.clientId("keyed-" + id.substring(0, 8))
			.clientName("Keyed service")
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("messages.read")
			.clientSettings(ClientSettings.builder()
				.jwkSetUrl("http://127.0.0.1:" + this.clientJwks.getAddress().getPort() + "/jwks")
				.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256)
				.build())
			.build();
		this.clients.save(this.client);
	}

	@AfterEach
	void tearDown() {
		this.clientJwks.stop(0);
	}

	@Test
	void tokenWhenAssertionSignedWithTheClientsKeyThenIssued() throws Exception {
		TokenResponse response = tokenRequest(assertion(this.clientKey, tokenEndpoint()));

		assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
		assertThat(response.get("access_token")).isNotBlank();
	}

	@Test
	void tokenWhenAssertionSignedWithAnotherKeyOrForAnotherAudienceThenInvalidClient() throws Exception {
		RSAKey stranger = new RSAKeyGenerator(2048).keyID("client-key").generate();

		TokenResponse wrongKey = tokenRequest(assertion(stranger, tokenEndpoint()));
		TokenResponse wrongAudience = tokenRequest(assertion(this.clientKey, "https://elsewhere.example/token"));

		assertThat(wrongKey.status()).isEqualTo(401);
		assertThat(wrongKey.error()).isEqualTo("invalid_client");
		assertThat(wrongAudience.status()).isEqualTo(401);
		assertThat(wrongAudience.error()).isEqualTo("invalid_client");
	}

	private String tokenEndpoint() {
		return "http://localhost:" + this.port + "/oauth2/token";
	}

	private String assertion(RSAKey key, String audience) throws JOSEException {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.client.getClientId())
			.subject(this.client.getClientId())
			.audience(List.of(audience))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private TokenResponse tokenRequest(String assertion) {
		return new OAuthFlows(new HttpUserAgent("http://localhost:" + this.port)).post("/oauth2/token", null, null,
				Map.of("grant_type", "client_credentials", "client_id", this.client.getClientId(),
						"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
						"client_assertion", assertion));
	}

}
