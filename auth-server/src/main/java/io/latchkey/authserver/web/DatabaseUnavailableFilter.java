package io.latchkey.authserver.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Answers {@code 503} with {@code Retry-After} when a request could not be served because
 * the database was unavailable, instead of a 500 or an error that blames the request
 * ({@code invalid_request}, a failed sign-in): JSON {@code temporarily_unavailable} at
 * the protocol endpoints, a page elsewhere. The answer is held until the request is done,
 * so that one written before the failure was noticed (a library endpoint's own error) is
 * replaced and never half sent.
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

	/**
	 * Seconds a client is asked to wait: about what reconnecting takes once it is back.
	 */
	static final String RETRY_AFTER_SECONDS = "5";

	private static final Log logger = LogFactory.getLog(DatabaseUnavailableFilter.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String DESCRIPTION = "The server cannot reach its database just now. Try again shortly.";

	/** Browser endpoints among the protocol ones: a person is there, so a page. */
	private final List<String> pages;

	private final List<String> protocolPrefixes;

	private final ITemplateEngine templates;

	DatabaseUnavailableFilter(AuthorizationServerSettings settings, ITemplateEngine templates) {
		this.pages = List.of(settings.getAuthorizationEndpoint(), settings.getDeviceVerificationEndpoint(),
				settings.getOidcLogoutEndpoint());
		this.protocolPrefixes = List.of("/oauth2/", "/connect/", "/userinfo", "/.well-known/",
				settings.getTokenEndpoint(), settings.getTokenIntrospectionEndpoint(),
				settings.getTokenRevocationEndpoint(), settings.getPushedAuthorizationRequestEndpoint(),
				settings.getDeviceAuthorizationEndpoint(), settings.getOidcClientRegistrationEndpoint(),
				settings.getOidcUserInfoEndpoint(), settings.getJwkSetEndpoint());
		this.templates = templates;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
		DatabaseUnavailable.watch();
		boolean unavailable;
		try {
			chain.doFilter(request, held);
			unavailable = DatabaseUnavailable.unwatch();
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!(DatabaseUnavailable.unwatch() || DatabaseUnavailable.causedBy(ex)) || response.isCommitted()) {
				throw ex;
			}
			unavailable = true;
		}
		if (!unavailable || response.isCommitted()) {
			held.copyBodyToResponse();
			return;
		}
		logger.warn("Answered 503 to " + request.getMethod() + " " + request.getRequestURI()
				+ ": the database is unavailable");
		// what was set for the answer now replaced (a challenge, a cookie) goes with it
		response.reset();
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "same-origin");
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		if (isProtocol(request)) {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter()
				.write(json
					.writeValueAsString(Map.of("error", "temporarily_unavailable", "error_description", DESCRIPTION)));
			return;
		}
		page(request, response);
	}

	private boolean isProtocol(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !this.pages.contains(path) && this.protocolPrefixes.stream().anyMatch(path::startsWith);
	}

	private void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding("UTF-8");
		// the request's CSRF token is read from the session, which is not there
		request.removeAttribute("_csrf");
		request.removeAttribute(CsrfToken.class.getName());
		try {
			String page = this.templates.process("unavailable",
					new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
						.buildExchange(request, response), request.getLocale()));
			response.getWriter().write(page);
		}
		catch (RuntimeException ex) {
			// the page needs nothing stored, but a sentence is enough if it cannot be
			// made
			response.setContentType(MediaType.TEXT_PLAIN_VALUE);
			response.getWriter().write(DESCRIPTION);
		}
	}

}
