package io.latchkey.authserver.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
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

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if ("GET".equals(request.getMethod())) {
			if (path.equals("/oauth2/jwks")) {
				cacheFor(response, JWKS_MAX_AGE);
			}
			else if (path.equals("/.well-known/openid-configuration")
					|| path.equals("/.well-known/oauth-authorization-server")) {
				cacheFor(response, DISCOVERY_MAX_AGE);
			}
		}
		chain.doFilter(request, response);
	}

	private static void cacheFor(HttpServletResponse response, Duration maxAge) {
		// set before Spring Security's header writer runs, which then leaves caching
		// alone
		response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAge.toSeconds());
	}

}
