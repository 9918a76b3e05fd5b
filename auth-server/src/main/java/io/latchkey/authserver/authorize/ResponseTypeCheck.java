package io.latchkey.authserver.authorize;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A missing or unsupported {@code response_type}: the library refuses it before it looks
 * at the client, so it can only show an error page; RFC 6749 section 4.1.2.1 wants the
 * error at the client's redirect URI when that is valid. This checks first and answers
 * {@code invalid_request} or {@code unsupported_response_type} there. We issue codes only
 * (OAuth 2.1: no implicit or hybrid flows).
 */
class ResponseTypeCheck extends OncePerRequestFilter {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

	private final RegisteredClientRepository clients;

	private final RequestMatcher authorizationEndpoint;

	private final AuthenticationFailureHandler errorHandler;

	public ResponseTypeCheck(RegisteredClientRepository clients, String authorizationEndpoint,
			AuthenticationFailureHandler errorHandler) {
		this.clients = clients;
		this.authorizationEndpoint = PathPatternRequestMatcher.withDefaults().matcher(authorizationEndpoint);
		this.errorHandler = errorHandler;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String[] responseTypes = request.getParameterValues("response_type");
		// a pushed request (request_uri) carries its own, checked when it was pushed; a
		// POST without one is the consent form's answer
		return !this.authorizationEndpoint.matches(request) || request.getParameter("request_uri") != null
				|| ("POST".equals(request.getMethod()) && responseTypes == null)
				|| (responseTypes != null && responseTypes.length == 1 && "code".equals(responseTypes[0]));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String clientId = request.getParameter("client_id");
		RegisteredClient client = StringUtils.hasText(clientId) ? this.clients.findByClientId(clientId) : null;
		if (client == null) {
			// nowhere to send it: the library shows the error
			chain.doFilter(request, response);
			return;
		}
		String[] responseTypes = request.getParameterValues("response_type");
		OAuth2Error error = (responseTypes == null || responseTypes.length != 1 || responseTypes[0].isBlank())
				? new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "OAuth 2.0 Parameter: response_type", ERROR_URI)
				: new OAuth2Error(OAuth2ErrorCodes.UNSUPPORTED_RESPONSE_TYPE, "Only response_type=code is supported",
						ERROR_URI);
		EarlyAuthorizationErrors.send(request, response, client, error, this.errorHandler);
	}

}
