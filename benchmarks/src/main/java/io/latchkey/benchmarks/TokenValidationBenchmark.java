package io.latchkey.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Validating an access token as the sample resource server does: parse, RS256 signature
 * against the (cached) public key, then issuer, expiry and audience.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TokenValidationBenchmark {

	private NimbusJwtDecoder decoder;

	private String token;

	@Setup
	public void setUp() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("bench").keyUse(KeyUse.SIGNATURE).generate();
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		Instant now = Instant.now();
		this.token = encoder.encode(JwtEncoderParameters.from(JwtClaimsSet.builder()
			.issuer(TokenSigningBenchmark.ISSUER)
			.subject("3f1c7e0a-5d1b-4c39-9a57-2b6f0e8d4c21")
			.audience(List.of("bench-web", "messages-api"))
			.claim("scope", List.of("openid", "profile", "messages.read"))
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plusSeconds(24 * 3600))
			.id("jti")
			.build())).getTokenValue();
		this.decoder = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
		this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(TokenSigningBenchmark.ISSUER),
				new JwtAudienceValidator("messages-api")));
	}

	@Benchmark
	public Jwt validateAccessToken() {
		return this.decoder.decode(this.token);
	}

}
