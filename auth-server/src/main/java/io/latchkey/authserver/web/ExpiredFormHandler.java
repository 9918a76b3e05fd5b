package io.latchkey.authserver.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * What a person sees when a page is refused. A form posted after its session ended
 * carries a CSRF token that is no longer valid: the sign-in and registration forms are
 * shown again with a note to retry; any other form sends the person to sign in again and
 * then back to the page it was on. A form whose token is wrong while the person is still
 * signed in (sent from a page opened before the last sign-in) says the page expired; a
 * page the account's roles do not open says so. Each is a 403 on the error page, with
 * advice that fits.
 */
class ExpiredFormHandler implements AccessDeniedHandler {

	/** The request attribute that makes the error page say the page expired. */
	static final String EXPIRED = ExpiredFormHandler.class.getName() + ".expired";

	/** The request attribute that holds the key of the error page's message. */
	static final String MESSAGE_KEY = ExpiredFormHandler.class.getName() + ".message";

	static final String PAGE_EXPIRED = "error.page-expired";

	static final String ROLE_MISSING = "error.role-missing";

	private static final Set<String> RETRYABLE_FORMS = Set.of(PageSecurityConfiguration.LOGIN_PAGE, "/register",
			"/verify-email/resend", "/forgot-password", "/reset-password");

	private static final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException, ServletException {
		if (!(accessDeniedException instanceof CsrfException)) {
			request.setAttribute(MESSAGE_KEY, ROLE_MISSING);
			response.sendError(HttpStatus.FORBIDDEN.value());
			return;
		}
		for (String form : RETRYABLE_FORMS) {
			if (PathPatternRequestMatcher.withDefaults().matcher(form).matches(request)) {
				response.sendRedirect(request.getContextPath() + form + "?expired");
				return;
			}
		}
		if (signedIn()) {
			request.setAttribute(EXPIRED, true);
			request.setAttribute(MESSAGE_KEY, PAGE_EXPIRED);
			response.sendError(HttpStatus.FORBIDDEN.value());
			return;
		}
		if (PathPatternRequestMatcher.withDefaults().matcher("/logout").matches(request)) {
			// signed out already
			response.sendRedirect(request.getContextPath() + PageSecurityConfiguration.LOGIN_PAGE + "?logout");
			return;
		}
		// the session ended: after signing in again, back to the page the form was on
		// where HttpSessionRequestCache keeps it, for the sign-in's success handler
		request.getSession()
			.setAttribute("SPRING_SECURITY_SAVED_REQUEST",
					new SimpleSavedRequest(request.getContextPath() + returnPath(request)));
		response.sendRedirect(request.getContextPath() + PageSecurityConfiguration.LOGIN_PAGE + "?session-ended");
	}

	private static boolean signedIn() {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		return current != null && !trust.isAnonymous(current);
	}

	/**
	 * The page the form was sent from: the path of the {@code Referer} (only its path, so
	 * it stays on this server), else the form's own address, whose page our forms are.
	 */
	private static String returnPath(HttpServletRequest request) {
		String fromReferer = pathOf(request.getHeader(HttpHeaders.REFERER), request.getContextPath());
		return (fromReferer != null) ? fromReferer : request.getServletPath();
	}

	private static @Nullable String pathOf(@Nullable String referer, String contextPath) {
		if (referer == null) {
			return null;
		}
		try {
			URI uri = new URI(referer);
			String path = uri.getRawPath();
			if (path == null || !path.startsWith(contextPath + "/")) {
				return null;
			}
			String rest = path.substring(contextPath.length());
			if (rest.startsWith("//")) {
				// a path the browser would read as another host
				return null;
			}
			return (uri.getRawQuery() != null) ? rest + "?" + uri.getRawQuery() : rest;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
