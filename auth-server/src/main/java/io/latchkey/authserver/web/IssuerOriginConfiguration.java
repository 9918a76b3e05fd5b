package io.latchkey.authserver.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

@Configuration(proxyBeanMethods = false)
class IssuerOriginConfiguration {

	/**
	 * Before every other filter (sessions, security), so that all of them see the
	 * issuer's origin; off while no issuer is configured (tests on random ports, where
	 * the library takes the issuer from each request).
	 */
	@Bean
	FilterRegistrationBean<IssuerOriginFilter> issuerOriginFilter(AuthorizationServerSettings settings) {
		String issuer = settings.getIssuer();
		FilterRegistrationBean<IssuerOriginFilter> registration = new FilterRegistrationBean<>(
				new IssuerOriginFilter((issuer != null) ? issuer : "http://localhost"));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setEnabled(issuer != null);
		return registration;
	}

}
