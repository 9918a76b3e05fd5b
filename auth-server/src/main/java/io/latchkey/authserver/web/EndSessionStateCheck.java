package io.latchkey.authserver.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.latchkey.authserver.authorize.StateLengthValidator;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An end-session request whose {@code state} is too long to come back in the redirect
 * (RP-Initiated Logout 1.0 section 3) is refused on our page, before the library or the
 * confirmation page would try to send it; Tomcat answered a bare 500 to the redirect.
 */
class EndSessionStateCheck extends OncePerRequestFilter {

	private final RequestMatcher endSession;

	EndSessionStateCheck(String endSessionEndpoint) {
		this.endSession = PathPatternRequestMatcher.withDefaults().matcher(endSessionEndpoint);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endSession.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (StateLengthValidator.tooLong(request.getParameter("state"))) {
			response.sendError(HttpStatus.BAD_REQUEST.value(),
					new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, StateLengthValidator.tooLongDescription(), null)
						.toString());
			return;
		}
		chain.doFilter(request, response);
	}

}
