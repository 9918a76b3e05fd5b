package io.latchkey.authserver.web;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The management port (Actuator: health, readiness, info, Prometheus metrics) for load
 * balancers and monitoring. It listens on a port of its own, on loopback unless
 * configured otherwise, and Latchkey refuses to start when it would share the public
 * port: its endpoints are open to whoever reaches that port and are never part of the
 * public filter chains. No session, no CSRF (its endpoints only read).
 */
@Configuration(proxyBeanMethods = false)
class ManagementSecurityConfiguration {

	@Bean
	@Order(0)
	SecurityFilterChain managementSecurityFilterChain(HttpSecurity http) throws Exception {
		// @formatter:off
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable());
		// @formatter:on
		return http.build();
	}

	/** Refuses the public port; -1 turns the management endpoints off, as in Boot. */
	@Bean
	InitializingBean managementPortOfItsOwn(@Value("${server.port:8080}") int serverPort,
			@Value("${management.server.port:-1}") int managementPort) {
		return () -> {
			if (managementPort == serverPort && serverPort > 0) {
				throw new IllegalStateException("management.server.port (MANAGEMENT_PORT) must be a port of its own,"
						+ " not the public port " + serverPort + ": health and metrics are open to whoever reaches it");
			}
		};
	}

}
