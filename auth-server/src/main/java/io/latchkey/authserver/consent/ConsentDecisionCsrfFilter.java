package io.latchkey.authserver.consent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The person's CSRF token on every consent decision: the Allow and Deny forms posted to
 * the authorization endpoint (a POST without {@code response_type}) and every POST to the
 * device verification endpoint. The library exempts its endpoints from CSRF protection
 * and relies on the consent {@code state}; a device approval is what an attacker who
 * started the device flow wants a person to submit (RFC 8628 section 5.4), so the
 * decision carries the token of the person's own session as well. Runs after the chain's
 * {@code CsrfFilter}, which loads the session's token.
 */
public final class ConsentDecisionCsrfFilter extends OncePerRequestFilter {

	private final RequestMatcher authorizationDecisions;

	private final RequestMatcher deviceDecisions;

	private final XorCsrfTokenRequestAttributeHandler tokens = new XorCsrfTokenRequestAttributeHandler();

	private final AccessDeniedHandler refusal = new AccessDeniedHandlerImpl();

	public ConsentDecisionCsrfFilter(String authorizationEndpoint, String deviceVerificationEndpoint) {
		this.authorizationDecisions = PathPatternRequestMatcher.withDefaults()
			.matcher(HttpMethod.POST, authorizationEndpoint);
		this.deviceDecisions = PathPatternRequestMatcher.withDefaults()
			.matcher(HttpMethod.POST, deviceVerificationEndpoint);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isDecision(request) && !carriesSessionToken(request)) {
			this.refusal.handle(request, response, new CsrfException("No valid CSRF token on a consent decision"));
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean isDecision(HttpServletRequest request) {
		// a POST with response_type, or with a request object (RFC 9101), is an
		// authorization request (OpenID Connect Core 3.1.2.1) sent by the client's page,
		// which cannot know our token
		return this.deviceDecisions.matches(request) || (this.authorizationDecisions.matches(request)
				&& request.getParameter(OAuth2ParameterNames.RESPONSE_TYPE) == null
				&& request.getParameter("request") == null && request.getParameter("request_uri") == null);
	}

	private boolean carriesSessionToken(HttpServletRequest request) {
		CsrfToken expected = sessionToken(request);
		if (expected == null) {
			return false;
		}
		String actual = this.tokens.resolveCsrfTokenValue(request, expected);
		return actual != null && MessageDigest.isEqual(expected.getToken().getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

	private static CsrfToken sessionToken(HttpServletRequest request) {
		if (!(request.getAttribute(DeferredCsrfToken.class.getName()) instanceof DeferredCsrfToken deferred)) {
			return null;
		}
		CsrfToken token = deferred.get();
		// a token made for this request was never given to a form
		return deferred.isGenerated() ? null : token;
	}

}
