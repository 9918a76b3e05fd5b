package io.latchkey.authserver.token;

import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.latchkey.authserver.key.VerificationKeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

@Configuration(proxyBeanMethods = false)
class AccessTokenDecoderConfiguration {

	/**
	 * How our own endpoints that take bearer tokens (userinfo, client registration) read
	 * them: signed by our keys, unexpired, issued by this issuer, and typed
	 * {@code at+jwt} (RFC 9068 section 4), so an ID token is never accepted in place of
	 * an access token. Replaces Spring Boot's decoder, whose default validation takes
	 * only untyped or {@code JWT} tokens. Access tokens are signed with RS256, the only
	 * algorithm taken; the keys come converted from {@link VerificationKeys}.
	 */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, VerificationKeys verificationKeys) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
			.jwtProcessorCustomizer(
					(processor) -> processor.setJWSKeySelector(verificationKeys.accepting(Set.of(JWSAlgorithm.RS256))))
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new JwtTypeValidator(TokenClaimsCustomizer.ACCESS_TOKEN_TYPE), IssuedHere.validator()));
		return decoder;
	}

}
