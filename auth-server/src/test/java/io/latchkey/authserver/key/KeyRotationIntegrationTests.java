package io.latchkey.authserver.key;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.latchkey.authserver.account.AccountAdministration;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.MovableClock;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation, with time moved by the test clock: a successor is published before it
 * signs, tokens of the old and the new key both verify against the JWKS during the
 * overlap, and the old key leaves once nothing it signed can be alive. A context of its
 * own, since it changes the keys.
 */
@AuthServerIntegrationTest
@TestPropertySource(properties = { "latchkey.test.context=key-rotation", "latchkey.keys.lead-time=1h",
		"latchkey.keys.retired-key-retention=2h", "latchkey.keys.reload-interval=1m" })
class KeyRotationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	DatabaseJwkSource keys;

	@Autowired
	AccountAdministration administration;

	@Autowired
	UserAccountRepository accounts;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void rotationWhenSuccessorPublishedThenItSignsOnlyAfterTheLeadTimeAndOldTokensKeepVerifying() throws Exception {
		RegisteredClient service = TestClients.serviceClient(this.clients, this.secrets);
		String before = clientCredentialsToken(service);
		String oldKid = kid(before);
		// our own bearer endpoints take our tokens (verified, then refused for want of
		// openid), also after a load brought other keys, but not one signed by another
		// key under our kid; test time stays near real time here, since the decoder
		// judges expiry by the real clock
		assertThat(userInfoChallenge(before)).contains("insufficient_scope");

		this.keys.rotateNow();
		assertThat(userInfoChallenge(before)).contains("insufficient_scope");
		assertThat(userInfoChallenge(signedByAnotherKey(before))).contains("invalid_token");

		assertThat(jwks().getKeys()).hasSize(4);
		assertThat(kid(clientCredentialsToken(service))).as("the successor does not sign yet").isEqualTo(oldKid);

		this.clock.advance(Duration.ofHours(1).plusMinutes(2));
		String after = clientCredentialsToken(service);
		assertThat(kid(after)).isNotEqualTo(oldKid);
		// during the overlap both verify against the published keys, as a resource server
		// sees them
		JWKSet published = jwks();
		verify(before, published);
		verify(after, published);

		this.clock.advance(Duration.ofMinutes(10));
		this.keys.rotateOnSchedule();
		assertThat(jwks().getKeyByKeyId(oldKid)).as("published while its tokens may live").isNotNull();
		this.clock.advance(Duration.ofHours(2));
		this.keys.rotateOnSchedule();
		assertThat(jwks().getKeyByKeyId(oldKid)).as("gone after the retention").isNull();
		verify(clientCredentialsToken(service), jwks());
	}

	@Test
	void idTokenWhenClientAsksForEs256ThenSignedWithTheEcKey() throws Exception {
		RegisteredClient base = TestClients.webClient(this.clients, this.secrets, false);
		RegisteredClient client = RegisteredClient.from(base)
			.tokenSettings(TokenSettings.withSettings(base.getTokenSettings().getSettings())
				.idTokenSignatureAlgorithm(SignatureAlgorithm.ES256)
				.build())
			.build();
		this.clients.save(client);
		HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port);
		Accounts.registerAndSignIn(browser);
		OAuthFlows flows = new OAuthFlows(browser);
		Pkce pkce = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid", pkce, Map.of())));
		var tokens = flows.exchangeCode(client.getClientId(), code, pkce.verifier());

		SignedJWT idToken = SignedJWT.parse(tokens.get("id_token"));
		assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(SignedJWT.parse(tokens.get("access_token")).getHeader().getAlgorithm())
			.isEqualTo(JWSAlgorithm.RS256);
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor
			.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(jwks())));
		assertThat(processor.process(idToken, null).getAudience()).containsExactly(client.getClientId());
	}

	@Test
	void adminConsoleWhenRotateClickedThenSuccessorsListed() {
		HttpUserAgent admin = new HttpUserAgent("http://localhost:" + this.port);
		String username = Accounts.newUsername();
		Accounts.register(admin, username);
		UUID id = this.accounts.findByUsername(username).orElseThrow().getId();
		this.administration.setRolesAndGroups(id, Set.of("admin"), Set.of(), "test");
		admin.follow(Accounts.signIn(admin, username, Accounts.PASSWORD));
		int before = admin.get("/admin/keys").document().select("#keys .kid").size();

		admin.follow(admin.submitForm("/admin/keys", "form[action$=/admin/keys/rotate]", Map.of()));

		List<String> algorithms = admin.get("/admin/keys").document().select("#keys .alg").eachText();
		assertThat(algorithms).hasSize(before + 2);
	}

	private String clientCredentialsToken(RegisteredClient service) {
		return new OAuthFlows(new HttpUserAgent("http://localhost:" + this.port))
			.tokenRequest(service.getClientId(), TestClients.SECRET, Map.of("grant_type", "client_credentials"))
			.get("access_token");
	}

	/** The userinfo endpoint's {@code WWW-Authenticate} for the token. */
	private String userInfoChallenge(String accessToken) {
		return new HttpUserAgent("http://localhost:" + this.port)
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/userinfo"))
				.header("Authorization", "Bearer " + accessToken))
			.header("WWW-Authenticate");
	}

	/** The same header and claims, signed by a key that is not ours. */
	private static String signedByAnotherKey(String jwt) throws Exception {
		SignedJWT original = SignedJWT.parse(jwt);
		SignedJWT forged = new SignedJWT(original.getHeader(), original.getJWTClaimsSet());
		forged.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
		return forged.serialize();
	}

	private JWKSet jwks() throws Exception {
		return JWKSet.parse(new HttpUserAgent("http://localhost:" + this.port).get("/oauth2/jwks").body());
	}

	private static String kid(String jwt) throws Exception {
		return SignedJWT.parse(jwt).getHeader().getKeyID();
	}

	private void verify(String jwt, JWKSet published) throws Exception {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor
			.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new com.nimbusds.jose.JOSEObjectType("at+jwt")));
		processor
			.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(published)));
		// expiry is judged by the real clock here; the tokens are minutes old in test
		// time
		processor.setJWTClaimsSetVerifier(null);
		processor.process(jwt, null);
	}

}
