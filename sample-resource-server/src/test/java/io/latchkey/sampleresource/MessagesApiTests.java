package io.latchkey.sampleresource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API over real HTTP, with tokens signed by a key that a stand-in issuer publishes at
 * its JWKS URL, the way Latchkey does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MessagesApiTests {

	/** The JOSE type of access tokens (RFC 9068). */
	private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

	private static final String ISSUER = "http://issuer.test";

	private static final RSAKey issuerKey = generateKey("issuer-key");

	private static final RSAKey otherKey = generateKey("issuer-key");

	private static final HttpServer jwksServer = startJwksServer();

	private static final ECKey clientKey = generateClientKey();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				() -> "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/oauth2/jwks");
		registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> "messages-api");
	}

	@AfterAll
	static void stopJwksServer() {
		jwksServer.stop(0);
	}

	@Test
	void getMessagesWhenTokenValidThenMessagesAsJson() throws Exception {
		HttpResponse<String> response = get(token(claims().build(), issuerKey));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).contains("Welcome to the Latchkey sample API.");
	}

	@Test
	void getMessagesWhenNoTokenThen401WithChallengeAndJsonBody() throws Exception {
		HttpResponse<String> response = get(null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).startsWith("Bearer").doesNotContain("error="));
		assertThat(response.body()).contains("\"error\":\"unauthorized\"");
	}

	@Test
	void getMessagesWhenTokenExpiredThen401InvalidToken() throws Exception {
		Instant longAgo = Instant.now().minusSeconds(3600);
		HttpResponse<String> response = get(token(
				claims().issueTime(Date.from(longAgo)).expirationTime(Date.from(longAgo.plusSeconds(300))).build(),
				issuerKey));

		assertInvalidToken(response);
	}

	@Test
	void getMessagesWhenAudienceIsAnotherApiThen401InvalidToken() throws Exception {
		assertInvalidToken(get(token(claims().audience("another-api").build(), issuerKey)));
	}

	@Test
	void getMessagesWhenIssuerUnknownThen401InvalidToken() throws Exception {
		assertInvalidToken(get(token(claims().issuer("http://evil.test").build(), issuerKey)));
	}

	@Test
	void getMessagesWhenSignedByAnotherKeyThen401InvalidToken() throws Exception {
		assertInvalidToken(get(token(claims().build(), otherKey)));
	}

	@Test
	void getMessagesWhenTokenMalformedThen401InvalidToken() throws Exception {
		assertInvalidToken(get("not.a.jwt"));
	}

	@Test
	void getMessagesWhenReadScopeMissingThen403InsufficientScope() throws Exception {
		HttpResponse<String> response = get(token(claims().claim("scope", "messages.write").build(), issuerKey));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).contains("insufficient_scope"));
		assertThat(response.body()).contains("\"error\":\"insufficient_scope\"");
	}

	@Test
	void postMessageWhenWriteScopeGrantedAndWriterRoleThenCreatedWithAuthor() throws Exception {
		String token = token(
				claims().claim("scope", "messages.read messages.write").claim("roles", List.of("writer")).build(),
				issuerKey);

		HttpResponse<String> response = post(token, "{\"text\":\"hello from a test\"}");

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).contains("\"text\":\"hello from a test\"").contains("\"author\":\"user-1\"");
		assertThat(get(token).body()).contains("hello from a test");
	}

	@Test
	void postMessageWhenWriteScopeButNotTheWriterRoleThen403() throws Exception {
		String token = token(
				claims().claim("scope", "messages.read messages.write").claim("roles", List.of("developer")).build(),
				issuerKey);

		assertThat(post(token, "{\"text\":\"hi\"}").statusCode()).isEqualTo(403);
	}

	@Test
	void postMessageWhenOnlyReadScopeThen403() throws Exception {
		HttpResponse<String> response = post(token(claims().build(), issuerKey), "{\"text\":\"hi\"}");

		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void postMessageWhenTextBlankThen400() throws Exception {
		String token = token(claims().claim("scope", "messages.write").claim("roles", List.of("writer")).build(),
				issuerKey);

		assertThat(post(token, "{\"text\":\"  \"}").statusCode()).isEqualTo(400);
		assertThat(post(token, "not json").statusCode()).isEqualTo(400);
	}

	@Test
	void getMessagesWhenTokenIsNotTypedAsAnAccessTokenThen401() throws Exception {
		// an ID token (typ JWT) with the right issuer, audience and scope is still no
		// access token
		assertInvalidToken(get(token(claims().build(), issuerKey, JOSEObjectType.JWT)));
		assertInvalidToken(get(token(claims().build(), issuerKey, null)));
	}

	@Test
	void getMessagesWhenDPoPBoundTokenWithProofForThisRequestThen200() throws Exception {
		String token = token(claims().claim("cnf", Map.of("jkt", clientKey.computeThumbprint().toString())).build(),
				issuerKey);

		HttpResponse<String> response = getWithDPoP(token, proof(clientKey, "GET", uri().toString(), token));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("Welcome to the Latchkey sample API.");
	}

	@Test
	void getMessagesWhenDPoPBoundTokenWithoutAFittingProofThen401() throws Exception {
		String token = token(claims().claim("cnf", Map.of("jkt", clientKey.computeThumbprint().toString())).build(),
				issuerKey);
		ECKey strangerKey = new ECKeyGenerator(Curve.P_256).generate();

		// sent as a bearer token (a downgrade), or without its proof
		assertInvalidToken(get(token));
		assertThat(getWithDPoP(token, null).statusCode()).isEqualTo(401);
		// a proof for another URL, another method, or made with another key
		assertInvalidProof(getWithDPoP(token, proof(clientKey, "GET", "http://127.0.0.1:1/api/messages", token)));
		assertInvalidProof(getWithDPoP(token, proof(clientKey, "POST", uri().toString(), token)));
		assertInvalidProof(getWithDPoP(token, proof(strangerKey, "GET", uri().toString(), token)));
		// a proof made for another token
		assertInvalidProof(getWithDPoP(token, proof(clientKey, "GET", uri().toString(), "another-token")));
	}

	private static void assertInvalidProof(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).startsWith("DPoP").contains("invalid_dpop_proof"));
		assertThat(response.body()).contains("\"error\":\"invalid_dpop_proof\"");
	}

	private HttpResponse<String> getWithDPoP(String token, String proof) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri()).GET().header("Authorization", "DPoP " + token);
		if (proof != null) {
			request.header("DPoP", proof);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A DPoP proof (RFC 9449 section 4.2) for a request carrying the token. */
	private static String proof(ECKey key, String method, String url, String accessToken) throws Exception {
		String ath = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(
					MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
		JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", method)
			.claim("htu", url)
			.claim("ath", ath)
			.issueTime(new Date())
			.build();
		SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(key.toPublicJWK())
			.build(), claims);
		proof.sign(new ECDSASigner(key));
		return proof.serialize();
	}

	private static void assertInvalidToken(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).startsWith("Bearer").contains("invalid_token"));
		assertThat(response.body()).contains("\"error\":\"invalid_token\"");
	}

	private HttpResponse<String> get(String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri()).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String token, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri())
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri() {
		return URI.create("http://127.0.0.1:" + this.port + "/api/messages");
	}

	private static JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("user-1")
			.audience(List.of("sample-client-a", "messages-api"))
			.claim("scope", "messages.read")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString());
	}

	private static String token(JWTClaimsSet claims, RSAKey key) throws JOSEException {
		return token(claims, key, AT_JWT);
	}

	private static String token(JWTClaimsSet claims, RSAKey key, JOSEObjectType type) throws JOSEException {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static RSAKey generateKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey generateClientKey() {
		try {
			return new ECKeyGenerator(Curve.P_256).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer startJwksServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			byte[] jwks = new JWKSet(issuerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/oauth2/jwks", (exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(jwks);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
