package io.latchkey.authserver.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets clients cache the JWKS and the discovery documents, which Spring Security would
 * otherwise mark {@code no-store} like every response. The JWKS may be cached for five
 * minutes: a new signing key must be published longer than that before it signs anything,
 * so a client with a cached set never meets a token it cannot verify, and a client that
 * meets an unknown {@code kid} refetches anyway. Discovery changes only with a
 * deployment.
 */
class MetadataCacheHeaders extends OncePerRequestFilter {

	static final Duration JWKS_MAX_AGE = Duration.ofMinutes(5);

	static final Duration DISCOVERY_MAX_AGE = Duration.ofHours(1);

	private final RequestMatcher keys;

	private final RequestMatcher discovery;

	MetadataCacheHeaders(AuthorizationServerSettings settings) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		this.keys = paths.matcher(HttpMethod.GET, settings.getJwkSetEndpoint());
		// the metadata documents are at fixed addresses (OpenID Connect Discovery 4, RFC
		// 8414 section 3)
		this.discovery = new OrRequestMatcher(paths.matcher(HttpMethod.GET, "/.well-known/openid-configuration"),
				paths.matcher(HttpMethod.GET, "/.well-known/oauth-authorization-server"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.keys.matches(request)) {
			cacheFor(response, JWKS_MAX_AGE);
		}
		else if (this.discovery.matches(request)) {
			cacheFor(response, DISCOVERY_MAX_AGE);
		}
		chain.doFilter(request, response);
	}

	private static void cacheFor(HttpServletResponse response, Duration maxAge) {
		// set before Spring Security's header writer runs, which then leaves caching
		// alone
		response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAge.toSeconds());
	}

}
