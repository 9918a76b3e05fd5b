package io.latchkey.authserver.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The pages people use: sign-in, registration, consent, their home page.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfiguration {

	static final String LOGIN_PAGE = "/login";

	@Bean
	@Order(2)
	SecurityFilterChain pageSecurityFilterChain(HttpSecurity http, SecurityHeaders securityHeaders) throws Exception {
		http.authorizeHttpRequests(
				(authorize) -> authorize.requestMatchers(LOGIN_PAGE, "/register", "/error", "/css/**", "/favicon.ico")
					.permitAll()
					.anyRequest()
					.authenticated());
		http.formLogin((form) -> form.loginPage(LOGIN_PAGE).failureUrl(LOGIN_PAGE + "?error"));
		http.logout((logout) -> logout.logoutSuccessUrl(LOGIN_PAGE + "?logout"));
		http.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(new ExpiredFormHandler()));
		securityHeaders.apply(http);
		return http.build();
	}

}
