package io.latchkey.sampleresource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every request needs a valid bearer token. Spring Boot builds the JWT decoder from
 * {@code spring.security.oauth2.resourceserver.jwt.*}: signature against the issuer's
 * JWKS (fetched once, then cached), issuer, expiry and audience.
 */
@Configuration(proxyBeanMethods = false)
class ResourceServerSecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, JsonErrorResponses errors) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize.requestMatchers(HttpMethod.GET, "/api/messages")
			.hasAuthority("SCOPE_messages.read")
			.requestMatchers(HttpMethod.POST, "/api/messages")
			.hasAuthority("SCOPE_messages.write")
			.anyRequest()
			.authenticated());
		http.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
			.authenticationEntryPoint(errors)
			.accessDeniedHandler(errors));
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors));
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		// no cookies, no browser sessions: a bearer-token API has nothing to forge
		http.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
