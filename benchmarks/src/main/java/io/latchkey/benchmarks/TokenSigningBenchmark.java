package io.latchkey.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;

/**
 * Issuing one token as the token endpoint does: the library's {@link JwtGenerator}
 * assembles the claims, a customizer adds what ours adds (audience, standard claims),
 * Nimbus signs and serializes. The algorithm is that of the signing key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TokenSigningBenchmark {

	static final String ISSUER = "http://localhost:9000";

	@Param({ "RS256", "ES256" })
	public String algorithm;

	private JwtGenerator generator;

	private OAuth2TokenContext accessTokenContext;

	private OAuth2TokenContext idTokenContext;

	@Setup
	public void setUp() throws JOSEException {
		JWK key = "ES256".equals(this.algorithm)
				? new ECKeyGenerator(Curve.P_256).keyID("bench").keyUse(KeyUse.SIGNATURE).generate()
				: new RSAKeyGenerator(2048).keyID("bench").keyUse(KeyUse.SIGNATURE).generate();
		SignatureAlgorithm signatureAlgorithm = SignatureAlgorithm.from(this.algorithm);
		this.generator = new JwtGenerator(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))));
		this.generator.setJwtCustomizer((context) -> {
			context.getJwsHeader().algorithm(signatureAlgorithm);
			if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				context.getClaims().audience(java.util.List.of("bench-web", "messages-api"));
			}
			else {
				context.getClaims()
					.claims((claims) -> claims.putAll(Map.of("name", "Bench User", "preferred_username", "bench",
							"email", "bench@example.com", "email_verified", true)));
			}
		});
		RegisteredClient client = RegisteredClient.withId("bench-web")
			.clientId("bench-web")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://127.0.0.1:8080/callback")
			.scope("openid")
			.scope("profile")
			.scope("messages.read")
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(Duration.ofMinutes(5))
				.idTokenSignatureAlgorithm(signatureAlgorithm)
				.build())
			.build();
		Authentication principal = UsernamePasswordAuthenticationToken.authenticated(
				"3f1c7e0a-5d1b-4c39-9a57-2b6f0e8d4c21", null, AuthorityUtils.createAuthorityList("ROLE_USER"));
		Set<String> scopes = Set.of("openid", "profile", "messages.read");
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(ISSUER + "/oauth2/authorize")
			.clientId("bench-web")
			.redirectUri("http://127.0.0.1:8080/callback")
			.scopes(scopes)
			.additionalParameters(Map.of(OidcParameterNames.NONCE, "nonce-value"))
			.build();
		OAuth2Authorization authorization = OAuth2Authorization.withRegisteredClient(client)
			.principalName(principal.getName())
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(scopes)
			.attribute(OAuth2AuthorizationRequest.class.getName(), request)
			.build();
		AuthorizationServerContext server = new FixedIssuer();
		this.accessTokenContext = DefaultOAuth2TokenContext.builder()
			.registeredClient(client)
			.principal(principal)
			.authorizationServerContext(server)
			.authorization(authorization)
			.authorizedScopes(scopes)
			.tokenType(OAuth2TokenType.ACCESS_TOKEN)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.build();
		this.idTokenContext = DefaultOAuth2TokenContext.builder()
			.registeredClient(client)
			.principal(principal)
			.authorizationServerContext(server)
			.authorization(authorization)
			.authorizedScopes(scopes)
			.tokenType(new OAuth2TokenType(OidcParameterNames.ID_TOKEN))
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.build();
	}

	@Benchmark
	public Jwt signAccessToken() {
		return this.generator.generate(this.accessTokenContext);
	}

	@Benchmark
	public Jwt signIdToken() {
		return this.generator.generate(this.idTokenContext);
	}

	private static final class FixedIssuer implements AuthorizationServerContext {

		private final AuthorizationServerSettings settings = AuthorizationServerSettings.builder()
			.issuer(ISSUER)
			.build();

		@Override
		public String getIssuer() {
			return ISSUER;
		}

		@Override
		public AuthorizationServerSettings getAuthorizationServerSettings() {
			return this.settings;
		}

	}

}
