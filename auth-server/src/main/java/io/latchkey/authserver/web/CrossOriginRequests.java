package io.latchkey.authserver.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.latchkey.authserver.client.BrowserClientOrigins;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * CORS for the protocol endpoints (OAuth 2.0 for Browser-Based Apps): discovery and keys
 * are readable from any origin; the token, userinfo and revocation endpoints answer
 * scripts from the origins of public clients' redirect URIs, and no other origin. No
 * cookies cross origins: tokens travel in headers and bodies.
 */
class CrossOriginRequests implements CorsConfigurationSource {

	private final RequestMatcher readableByAnyone;

	private final RequestMatcher forBrowserClients;

	private final BrowserClientOrigins origins;

	CrossOriginRequests(AuthorizationServerSettings settings, BrowserClientOrigins origins) {
		this.readableByAnyone = new OrRequestMatcher(matcher("/.well-known/**"), matcher(settings.getJwkSetEndpoint()));
		this.forBrowserClients = new OrRequestMatcher(matcher(settings.getTokenEndpoint()),
				matcher(settings.getOidcUserInfoEndpoint()), matcher(settings.getTokenRevocationEndpoint()));
		this.origins = origins;
	}

	@Override
	public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		if (this.readableByAnyone.matches(request)) {
			CorsConfiguration anyone = new CorsConfiguration();
			anyone.addAllowedOrigin(CorsConfiguration.ALL);
			anyone.setAllowedMethods(List.of("GET"));
			anyone.setMaxAge(3600L);
			return anyone;
		}
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (this.forBrowserClients.matches(request) && this.origins.isAllowed(origin)) {
			CorsConfiguration browserClient = new CorsConfiguration();
			browserClient.setAllowedOrigins(List.of(origin));
			browserClient.setAllowedMethods(List.of("GET", "POST"));
			browserClient.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "DPoP"));
			browserClient.setExposedHeaders(List.of(HttpHeaders.WWW_AUTHENTICATE, "DPoP-Nonce"));
			browserClient.setAllowCredentials(false);
			browserClient.setMaxAge(600L);
			return browserClient;
		}
		// any other origin: refused (a configuration that allows nothing); elsewhere no
		// CORS at all
		return this.forBrowserClients.matches(request) ? new CorsConfiguration() : null;
	}

	/**
	 * The preflights ({@code OPTIONS}) of these endpoints, which the protocol chain must
	 * answer: the library's endpoint matchers take only their own methods.
	 */
	RequestMatcher preflights() {
		RequestMatcher anyOf = new OrRequestMatcher(this.readableByAnyone, this.forBrowserClients);
		return (request) -> HttpMethod.OPTIONS.matches(request.getMethod()) && anyOf.matches(request);
	}

	private static RequestMatcher matcher(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

}
