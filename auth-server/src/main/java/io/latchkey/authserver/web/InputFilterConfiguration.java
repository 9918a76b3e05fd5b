package io.latchkey.authserver.web;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.OncePerRequestFilter;

/** Filters in front of everything that decide on the request's shape alone. */
@Configuration(proxyBeanMethods = false)
class InputFilterConfiguration {

	/** Bad input is refused before anything reads it (right after the issuer origin). */
	@Bean
	FilterRegistrationBean<UnreadableInputFilter> unreadableInputFilter(AuthorizationServerSettings settings) {
		FilterRegistrationBean<UnreadableInputFilter> registration = new FilterRegistrationBean<>(
				new UnreadableInputFilter(settings));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * {@code /error} asked for directly is a page that does not exist: it shows errors
	 * only when the container forwards one (it answered 500 with status 999).
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> directErrorPathFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {
					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						response.sendError(HttpStatus.NOT_FOUND.value());
					}
				});
		registration.addUrlPatterns("/error");
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
