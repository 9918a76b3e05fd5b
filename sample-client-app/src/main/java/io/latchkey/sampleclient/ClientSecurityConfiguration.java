package io.latchkey.sampleclient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class ClientSecurityConfiguration {

	@Bean
	SecurityFilterChain clientSecurityFilterChain(HttpSecurity http, ClientRegistrationRepository registrations)
			throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize.requestMatchers("/", "/css/**", "/error")
			.permitAll()
			.anyRequest()
			.authenticated());
		http.oauth2Login((login) -> login
			.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(pkceEverywhere(registrations))));
		// signing out here also ends the session at Latchkey (RP-initiated logout)
		OidcClientInitiatedLogoutSuccessHandler logoutSuccess = new OidcClientInitiatedLogoutSuccessHandler(
				registrations);
		logoutSuccess.setPostLogoutRedirectUri("{baseUrl}/");
		http.logout((logout) -> logout.logoutSuccessHandler(logoutSuccess));
		http.headers((headers) -> headers.contentSecurityPolicy(
				(csp) -> csp.policyDirectives("default-src 'none'; style-src 'self'; frame-ancestors 'none'")));
		return http.build();
	}

	/** Latchkey requires PKCE of confidential clients too (OAuth 2.1). */
	private static DefaultOAuth2AuthorizationRequestResolver pkceEverywhere(
			ClientRegistrationRepository registrations) {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		return resolver;
	}

}
