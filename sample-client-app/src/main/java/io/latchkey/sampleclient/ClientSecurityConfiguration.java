package io.latchkey.sampleclient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OidcBackChannelLogoutHandler;
import org.springframework.security.oauth2.client.oidc.session.InMemoryOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class ClientSecurityConfiguration {

	@Bean
	SecurityFilterChain clientSecurityFilterChain(HttpSecurity http, ClientRegistrationRepository registrations,
			OidcSessionRegistry sessions, @Value("${server.servlet.session.cookie.name}") String sessionCookieName)
			throws Exception {
		http.authorizeHttpRequests(
				(authorize) -> authorize.requestMatchers("/", "/css/**", "/error", SignInFailures.PAGE)
					.permitAll()
					.anyRequest()
					.authenticated());
		// signing in starts at Latchkey, and one that does not finish ends on our own
		// page
		// (not on Spring's generated /login page)
		http.oauth2Login((login) -> login
			.loginPage(OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/latchkey")
			.failureHandler(new SignInFailures())
			.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(pkceEverywhere(registrations))));
		// signing out here also ends the session at Latchkey (RP-initiated logout)
		OidcClientInitiatedLogoutSuccessHandler logoutSuccess = new OidcClientInitiatedLogoutSuccessHandler(
				registrations);
		logoutSuccess.setPostLogoutRedirectUri("{baseUrl}/");
		http.logout((logout) -> logout.logoutSuccessHandler(logoutSuccess));
		// signing out elsewhere ends this session too (OpenID Connect Back-Channel
		// Logout): Latchkey posts a logout token to /logout/connect/back-channel/latchkey
		OidcBackChannelLogoutHandler endSession = new OidcBackChannelLogoutHandler(sessions);
		endSession.setSessionCookieName(sessionCookieName);
		http.oidcLogout((logout) -> logout.backChannel((backChannel) -> backChannel.logoutHandler(endSession)));
		http.headers((headers) -> headers.contentSecurityPolicy(
				(csp) -> csp.policyDirectives("default-src 'none'; style-src 'self'; frame-ancestors 'none'")));
		return http.build();
	}

	/** Which session belongs to which sign-in at Latchkey, for back-channel logout. */
	@Bean
	OidcSessionRegistry oidcSessionRegistry() {
		return new InMemoryOidcSessionRegistry();
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
