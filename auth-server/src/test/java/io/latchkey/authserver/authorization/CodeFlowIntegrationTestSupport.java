package io.latchkey.authserver.authorization;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.MovableClock;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Person;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relying party's code flow with PKCE over HTTP, through the real sign-in page: a
 * registered web client and a registered person, and the steps the endpoint tests share.
 */
@AuthServerIntegrationTest
abstract class CodeFlowIntegrationTestSupport {

	static final String SCOPE = "openid profile email messages.read";

	static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets clientSecrets;

	@Autowired
	UserAccountRepository accounts;

	String issuer;

	HttpUserAgent browser;

	OAuthFlows flows;

	RegisteredClient client;

	String username;

	@BeforeEach
	void setUp() {
		this.issuer = "http://localhost:" + this.port;
		Person person = Person.registered(this.port);
		this.browser = person.browser();
		this.username = person.username();
		this.flows = new OAuthFlows(this.browser);
		this.client = TestClients.webClient(this.clients, this.clientSecrets, false);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	TokenResponse refresh(String refreshToken) {
		return this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

	String signIn(Pkce pkce) {
		String url = this.flows.authorizationUrl(this.client.getClientId(), SCOPE, pkce, Map.of());
		return this.flows.code(this.flows.authorizeSigningIn(url, this.username));
	}

	TokenResponse signInAndExchange() {
		Pkce pkce = Pkce.generate();
		TokenResponse tokens = this.flows.exchangeCode(this.client.getClientId(), signIn(pkce), pkce.verifier());
		assertThat(tokens.status()).isEqualTo(200);
		return tokens;
	}

	TokenResponse introspect(String token) {
		return this.flows.post("/oauth2/introspect", this.client.getClientId(), TestClients.SECRET,
				Map.of("token", token));
	}

	/**
	 * Verifies signature (RS256, against the published JWKS), expiry, issuer and required
	 * claims.
	 */
	JWTClaimsSet verify(String jwt, Set<String> requiredClaims) throws Exception {
		return verify(jwt, requiredClaims, null);
	}

	/** As above, for a token of the given JOSE type ({@code typ}). */
	JWTClaimsSet verify(String jwt, Set<String> requiredClaims, JOSEObjectType type) throws Exception {
		JWKSet keys = JWKSet.parse(this.browser.get("/oauth2/jwks").body());
		Set<String> required = new HashSet<>(requiredClaims);
		required.addAll(Set.of("sub", "iat", "exp", "aud"));
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		if (type != null) {
			processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(type));
		}
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
		processor.setJWTClaimsSetVerifier(
				new DefaultJWTClaimsVerifier<>(new JWTClaimsSet.Builder().issuer(this.issuer).build(), required));
		return processor.process(jwt, null);
	}

}
