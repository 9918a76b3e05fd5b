package io.latchkey.sampleresource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every request needs a valid access token ({@link #jwtDecoder}), bearer or DPoP-bound,
 * and each operation its scope and, for writing, the person's role.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessTokenProperties.class)
class ResourceServerSecurityConfiguration {

	/** The role (in the token's {@code roles} claim) that may write messages. */
	static final String WRITER_ROLE = "WRITER";

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, JsonErrorResponses errors) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize.requestMatchers(HttpMethod.GET, "/api/messages")
			.hasAuthority("SCOPE_messages.read")
			// writing needs both: the client was granted the scope, and the person has
			// the role
			.requestMatchers(HttpMethod.POST, "/api/messages")
			.access(AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasAuthority("SCOPE_messages.write"),
					AuthorityAuthorizationManager.hasRole(WRITER_ROLE)))
			.anyRequest()
			.authenticated());
		// bearer tokens, and DPoP-bound tokens with a proof of the client's key for this
		// very request (RFC 9449 section 7); a bound token sent as a bearer token is
		// refused
		http.oauth2ResourceServer(
				(resourceServer) -> resourceServer.jwt((jwt) -> jwt.jwtAuthenticationConverter(scopesAndRoles()))
					.dPoP((dPoP) -> dPoP.authenticationFailureHandler(errors::proofRefused))
					.authenticationEntryPoint(errors)
					.accessDeniedHandler(errors));
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors));
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		// no cookies, no browser sessions: a bearer-token API has nothing to forge, no
		// request to save for after a sign-in, no sign-out, and no anonymous user to
		// build for every request (a missing token is answered by the entry point)
		http.csrf((csrf) -> csrf.disable());
		http.requestCache((cache) -> cache.disable());
		http.logout((logout) -> logout.disable());
		http.anonymous((anonymous) -> anonymous.disable());
		return http.build();
	}

	/**
	 * Checks access tokens as RFC 9068 says a resource server should: signature against
	 * the issuer's keys (fetched once, then cached), type {@code at+jwt} (so an ID token
	 * is refused), issuer, expiry, and this API among the audiences (RFC 8707); a token
	 * once found valid is remembered until it expires ({@link CachingJwtDecoder}).
	 */
	@Bean
	JwtDecoder jwtDecoder(AccessTokenProperties properties) {
		return new CachingJwtDecoder(validatingDecoder(properties), Clock.systemUTC(), 10_000);
	}

	private static JwtDecoder validatingDecoder(AccessTokenProperties properties) {
		// the type is checked below, with the other claims, rather than by Nimbus (which
		// takes only JWT)
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).validateType(false).build();
		// not JwtValidators.createDefault...: its type check takes only JWT
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new JwtIssuerValidator(properties.issuerUri()), new JwtTypeValidator("at+jwt"),
				new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, (audience) -> audience != null
						&& audience.stream().anyMatch(properties.audiences()::contains))));
		return decoder;
	}

	/**
	 * Authorities from the token: {@code SCOPE_x} for each granted scope (Spring's
	 * default), and {@code ROLE_X} for each of the person's roles in Latchkey's
	 * {@code roles} claim.
	 */
	static JwtAuthenticationConverter scopesAndRoles() {
		JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName("roles");
		roles.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter((jwt) -> {
			List<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
			roles.convert(jwt)
				.forEach((role) -> authorities
					.add(new SimpleGrantedAuthority(role.getAuthority().toUpperCase(Locale.ROOT))));
			return authorities;
		});
		return converter;
	}

}
