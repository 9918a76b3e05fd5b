package io.latchkey.authserver.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.util.OnCommittedResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A stored session lives long only once someone is signed in to it. A session made for a
 * person not signed in holds a form's CSRF token or the request to go on with after
 * signing in; it is kept {@code spring.session.timeout} (15 minutes: every page view of a
 * bot or a monitor made one, kept the full eight hours), and gets
 * {@code latchkey.sessions.signed-in-timeout} at sign-in, back at sign-out. Runs inside
 * the session filter, when the response commits (where the session filter saves the
 * session) or else after the request: set later, it cost the session another write.
 */
class SessionLifetimes extends OncePerRequestFilter {

	private final Duration anonymous;

	private final Duration signedIn;

	SessionLifetimes(Duration anonymous, Duration signedIn) {
		this.anonymous = anonymous;
		this.signedIn = signedIn;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SessionUse tracked = new SessionUse(request);
		OnCommittedResponseWrapper adjusting = new OnCommittedResponseWrapper(response) {
			@Override
			protected void onResponseCommitted() {
				adjust(tracked, request);
			}
		};
		try {
			chain.doFilter(tracked, adjusting);
		}
		finally {
			if (!response.isCommitted()) {
				adjust(tracked, request);
			}
		}
	}

	private void adjust(SessionUse tracked, HttpServletRequest request) {
		// only a session the request used, already loaded: asking for one otherwise
		// reads it from the database for every request that carries a cookie
		HttpSession session = tracked.used ? request.getSession(false) : null;
		if (session != null) {
			adjust(session);
		}
	}

	private void adjust(HttpSession session) {
		int lifetime;
		try {
			lifetime = (int) (isSignedIn(session) ? this.signedIn : this.anonymous).toSeconds();
		}
		catch (IllegalStateException ex) {
			// ended by this request (signed out)
			return;
		}
		if (session.getMaxInactiveInterval() != lifetime) {
			session.setMaxInactiveInterval(lifetime);
		}
	}

	private static final class SessionUse extends HttpServletRequestWrapper {

		private boolean used;

		SessionUse(HttpServletRequest request) {
			super(request);
		}

		@Override
		public HttpSession getSession(boolean create) {
			this.used = true;
			return super.getSession(create);
		}

		@Override
		public HttpSession getSession() {
			this.used = true;
			return super.getSession();
		}

	}

	private static boolean isSignedIn(HttpSession session) {
		return session.getAttribute(
				HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context
				&& context.getAuthentication() != null;
	}

}
