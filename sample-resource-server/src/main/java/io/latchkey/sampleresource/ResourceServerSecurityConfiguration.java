package io.latchkey.sampleresource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every request needs a valid bearer token. Spring Boot builds the JWT decoder from
 * {@code spring.security.oauth2.resourceserver.jwt.*}: signature against the issuer's
 * JWKS (fetched once, then cached), issuer, expiry and audience.
 */
@Configuration(proxyBeanMethods = false)
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
		http.oauth2ResourceServer(
				(resourceServer) -> resourceServer.jwt((jwt) -> jwt.jwtAuthenticationConverter(scopesAndRoles()))
					.authenticationEntryPoint(errors)
					.accessDeniedHandler(errors));
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors));
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		// no cookies, no browser sessions: a bearer-token API has nothing to forge
		http.csrf((csrf) -> csrf.disable());
		return http.build();
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
