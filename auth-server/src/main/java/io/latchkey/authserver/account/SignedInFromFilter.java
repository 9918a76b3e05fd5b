package io.latchkey.authserver.account;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Notes in a signed-in session where it is used from ({@link SignedInFrom}). A servlet
 * filter after Spring Security's, so the person is known; the session is written only
 * when the browser or the address changed.
 */
@Component
class SignedInFromFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (session != null && authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			String userAgent = Objects.requireNonNullElse(request.getHeader(HttpHeaders.USER_AGENT), "");
			SignedInFrom current = new SignedInFrom(
					userAgent.substring(0, Math.min(userAgent.length(), SignedInFrom.MAX_USER_AGENT)),
					request.getRemoteAddr());
			if (!current.equals(session.getAttribute(SignedInFrom.ATTRIBUTE))) {
				session.setAttribute(SignedInFrom.ATTRIBUTE, current);
			}
		}
		chain.doFilter(request, response);
	}

}
