package io.latchkey.authserver.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

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
	 * only untyped or {@code JWT} tokens.
	 */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new JwtTypeValidator(TokenClaimsCustomizer.ACCESS_TOKEN_TYPE), IssuedHere.validator()));
		return decoder;
	}

}
