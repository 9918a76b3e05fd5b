package io.latchkey.authserver.authorization;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.latchkey.authserver.client.LatchkeyClientSettings;
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
 * {@code private_key_jwt} client authentication (OpenID Connect Core 9, RFC 7523): the
 * client signs an assertion with its own key, published at its JWKS URI or registered by
 * value; the audience is our issuer alone (FAPI 2.0 Security Profile 5.3.2.1).
 */
@AuthServerIntegrationTest
class PrivateKeyJwtIntegrationTests {

	private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	HttpServer clientJwks;

	RSAKey clientKey;

	RegisteredClient client;

	/** What the client publishes at its jwks_uri. */
	final AtomicReference<String> servedKeys = new AtomicReference<>();

	@BeforeEach
	void setUp() throws Exception {
		this.clientKey = new RSAKeyGenerator(2048).keyID("client-key").generate();
		this.clientJwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.servedKeys.set(new JWKSet(this.clientKey.toPublicJWK()).toString());
		this.clientJwks.createContext("/jwks", (exchange) -> {
			byte[] jwks = this.servedKeys.get().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(jwks);
			}
		});
		// a key set reached only through a redirect
		this.clientJwks.createContext("/moved", (exchange) -> {
			exchange.getResponseHeaders().add("Location", "/jwks");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
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
		TokenResponse response = tokenRequest(assertion(this.clientKey, issuer()));

		assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
		assertThat(response.get("access_token")).isNotBlank();
	}

	@Test
	void tokenWhenAssertionWithoutClientIdThenTheClientIsItsSubject() throws Exception {
		// RFC 7521 section 4.2: client_id is OPTIONAL with an assertion
		TokenResponse response = new OAuthFlows(new HttpUserAgent(issuer())).post("/oauth2/token", null, null,
				Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER, "client_assertion",
						assertion(this.clientKey, issuer())));

		assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
		assertThat(response.get("access_token")).isNotBlank();
	}

	@Test
	void tokenWhenAssertionWithoutClientIdIsSignedByAnotherKeyThenInvalidClient() throws Exception {
		RSAKey stranger = new RSAKeyGenerator(2048).keyID("client-key").generate();

		TokenResponse response = new OAuthFlows(new HttpUserAgent(issuer())).post("/oauth2/token", null, null,
				Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER, "client_assertion",
						assertion(stranger, issuer())));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.error()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenAssertionSignedWithAnotherKeyOrForAnotherAudienceThenInvalidClient() throws Exception {
		RSAKey stranger = new RSAKeyGenerator(2048).keyID("client-key").generate();

		TokenResponse wrongKey = tokenRequest(assertion(stranger, issuer()));
		TokenResponse wrongAudience = tokenRequest(assertion(this.clientKey, "https://elsewhere.example/token"));

		assertThat(wrongKey.status()).isEqualTo(401);
		assertThat(wrongKey.error()).isEqualTo("invalid_client");
		assertThat(wrongAudience.status()).isEqualTo(401);
		assertThat(wrongAudience.error()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenAudienceIsAnEndpointOrAnArrayThenInvalidClient() throws Exception {
		// FAPI 2.0 Security Profile 5.3.2.1: the issuer identifier "as the sole audience
		// value"; RFC 7523 as updated: a single string, not an array
		for (Object audience : List.of(issuer() + "/oauth2/token", issuer() + "/oauth2/par", List.of(issuer()),
				List.of(issuer(), "https://elsewhere.example"))) {
			TokenResponse response = tokenRequest(assertion(this.clientKey, audience));

			assertThat(response.status()).as(audience.toString()).isEqualTo(401);
			assertThat(response.error()).isEqualTo("invalid_client");
		}
	}

	@Test
	void tokenWhenTheClientRotatedItsKeyAtItsJwksUriThenAnAssertionWithTheNewKeyIsAccepted() throws Exception {
		assertThat(tokenRequest(assertion(this.clientKey, issuer())).status()).isEqualTo(200);
		// the client rotates: it publishes a new key and signs with it at once (OpenID
		// Connect Core 10.1.1: a kid we have not seen makes us fetch the key set again)
		RSAKey newKey = new RSAKeyGenerator(2048).keyID("client-key-2").generate();
		this.servedKeys.set(new JWKSet(newKey.toPublicJWK()).toString());

		TokenResponse response = tokenRequest(assertion(newKey, issuer()));

		assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
	}

	@Test
	void tokenWhenTheJwksUriAnswersWithSomethingElseThanAKeySetThenInvalidClientInWords() throws Exception {
		this.servedKeys.set("<html>not a key set</html>");

		TokenResponse response = tokenRequest(assertion(this.clientKey, issuer()));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.error()).isEqualTo("invalid_client");
		assertThat(response.raw().body()).doesNotContain("Exception")
			.doesNotContain("com.nimbusds")
			.doesNotContain("java.")
			.doesNotContain("<html>");
	}

	@Test
	void tokenWhenTheJwksUriRedirectsThenInvalidClientAndTheRedirectIsNotFollowed() throws Exception {
		RegisteredClient moved = RegisteredClient.from(this.client)
			.id(UUID.randomUUID().toString())
			.clientId("moved-" + UUID.randomUUID().toString().substring(0, 8))
			.clientSettings(ClientSettings.withSettings(this.client.getClientSettings().getSettings())
				.jwkSetUrl("http://127.0.0.1:" + this.clientJwks.getAddress().getPort() + "/moved")
				.build())
			.build();
		this.clients.save(moved);
		Map<String, Object> payload = new java.util.HashMap<>(claims(moved.getClientId(), issuer()).toJSONObject());
		JWSObject jwt = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("client-key").build(),
				new Payload(payload));
		jwt.sign(new RSASSASigner(this.clientKey));

		// an address a client registered is fetched like every other: no redirect is
		// followed
		TokenResponse response = new OAuthFlows(new HttpUserAgent(issuer())).post("/oauth2/token", null, null,
				Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER, "client_assertion",
						jwt.serialize()));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.error()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenKeysRegisteredByValueAndSignedWithES256ThenIssued() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec-key").generate();
		RegisteredClient byValue = RegisteredClient.from(this.client)
			.id(UUID.randomUUID().toString())
			.clientId("by-value-" + UUID.randomUUID().toString().substring(0, 8))
			.clientSettings(LatchkeyClientSettings
				.writeTo(ClientSettings.builder().tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.ES256))
				.jwks(new JWKSet(key.toPublicJWK()).toString())
				.and()
				.build())
			.build();
		this.clients.save(byValue);

		JWTClaimsSet claims = claims(byValue.getClientId(), issuer());
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-key").build(), claims);
		jwt.sign(new ECDSASigner(key));
		TokenResponse response = new OAuthFlows(new HttpUserAgent(issuer())).post("/oauth2/token", null, null,
				Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER, "client_assertion",
						jwt.serialize()));

		assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
	}

	private String issuer() {
		return "http://localhost:" + this.port;
	}

	private String assertion(RSAKey key, Object audience) throws JOSEException {
		Map<String, Object> payload = new java.util.HashMap<>(
				claims(this.client.getClientId(), issuer()).toJSONObject());
		// written as given: Nimbus would write an array of one as a string
		payload.put("aud", audience);
		JWSObject jwt = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(key.getKeyID()).build(),
				new Payload(payload));
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static JWTClaimsSet claims(String clientId, String audience) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(clientId)
			.subject(clientId)
			.audience(audience)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)))
			.jwtID(UUID.randomUUID().toString())
			.build();
	}

	private TokenResponse tokenRequest(String assertion) {
		return new OAuthFlows(new HttpUserAgent("http://localhost:" + this.port)).post("/oauth2/token", null, null,
				Map.of("grant_type", "client_credentials", "client_id", this.client.getClientId(),
						"client_assertion_type", JWT_BEARER, "client_assertion", assertion));
	}

}
