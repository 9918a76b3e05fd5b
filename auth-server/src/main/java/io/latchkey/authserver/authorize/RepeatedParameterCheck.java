package io.latchkey.authserver.authorize;

import java.io.IOException;
import java.util.Map;

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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An authorization request with a parameter sent more than once ("parameters MUST NOT be
 * included more than once", RFC 6749 section 3.1) is {@code invalid_request}, sent back
 * to the client when its {@code client_id} and {@code redirect_uri} are themselves single
 * and registered (section 4.1.2.1); the library showed its error page for any of them.
 * The consent form's answer, which repeats {@code scope}, is not an authorization
 * request.
 */
class RepeatedParameterCheck extends OncePerRequestFilter {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-3.1";

	private final RegisteredClientRepository clients;

	private final RequestMatcher authorizationEndpoint;

	private final AuthenticationFailureHandler errorHandler;

	RepeatedParameterCheck(RegisteredClientRepository clients, String authorizationEndpoint,
			AuthenticationFailureHandler errorHandler) {
		this.clients = clients;
		this.authorizationEndpoint = PathPatternRequestMatcher.withDefaults().matcher(authorizationEndpoint);
		this.errorHandler = errorHandler;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.authorizationEndpoint.matches(request)
				|| ("POST".equals(request.getMethod()) && request.getParameter("response_type") == null);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String repeated = null;
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (parameter.getValue().length > 1) {
				repeated = parameter.getKey();
				break;
			}
		}
		String[] clientIds = request.getParameterValues("client_id");
		String[] redirectUris = request.getParameterValues("redirect_uri");
		RegisteredClient client = (repeated != null && clientIds != null && clientIds.length == 1
				&& (redirectUris == null || redirectUris.length == 1)) ? this.clients.findByClientId(clientIds[0])
						: null;
		if (client == null) {
			// none repeated, or nowhere to send the error: the library goes on or shows
			// it
			chain.doFilter(request, response);
			return;
		}
		EarlyAuthorizationErrors.send(request, response, client,
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
						"The parameter " + printable(repeated) + " is sent more than once.", ERROR_URI),
				this.errorHandler);
	}

	private static String printable(String name) {
		return (name.length() <= 40 && name.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) ? name : "(unnamed)";
	}

}
