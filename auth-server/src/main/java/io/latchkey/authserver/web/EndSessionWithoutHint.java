package io.latchkey.authserver.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.latchkey.authserver.login.SignOutController;

import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An end-session request without {@code id_token_hint} (RP-Initiated Logout 1.0 section 2
 * makes it optional; the library refuses it) goes to the page that asks the person
 * whether to sign out, with the parameters that may bring them back afterwards. A request
 * with a hint is the library's, which checks it.
 */
class EndSessionWithoutHint extends OncePerRequestFilter {

	private final RequestMatcher endSession;

	EndSessionWithoutHint(String endSessionEndpoint) {
		this.endSession = PathPatternRequestMatcher.withDefaults().matcher(endSessionEndpoint);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endSession.matches(request) || StringUtils.hasText(request.getParameter("id_token_hint"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		UriComponentsBuilder confirmation = UriComponentsBuilder
			.fromPath(request.getContextPath() + SignOutController.PATH);
		for (String name : new String[] { "client_id", "post_logout_redirect_uri", "state" }) {
			String value = request.getParameter(name);
			if (StringUtils.hasText(value)) {
				confirmation.queryParam(name, value);
			}
		}
		response.sendRedirect(confirmation.build().encode().toUriString());
	}

}
