package io.latchkey.authserver.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * A sign-in or registration form posted after its session ended carries a CSRF token that
 * is no longer valid. Rather than a bare 403, the person gets the form again with a note
 * to retry. Every other refusal stays a 403 on the error page.
 */
class ExpiredFormHandler implements AccessDeniedHandler {

	private static final Set<String> RETRYABLE_FORMS = Set.of(PageSecurityConfiguration.LOGIN_PAGE, "/register",
			"/verify-email/resend", "/forgot-password", "/reset-password");

	private final AccessDeniedHandler otherwise = new AccessDeniedHandlerImpl();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException, ServletException {
		if (accessDeniedException instanceof CsrfException) {
			for (String form : RETRYABLE_FORMS) {
				if (PathPatternRequestMatcher.withDefaults().matcher(form).matches(request)) {
					response.sendRedirect(request.getContextPath() + form + "?expired");
					return;
				}
			}
		}
		this.otherwise.handle(request, response, accessDeniedException);
	}

}
