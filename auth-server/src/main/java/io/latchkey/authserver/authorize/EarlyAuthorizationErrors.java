package io.latchkey.authserver.authorize;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers an authorization request that fails before the library has checked its client
 * the way the library answers its own errors (through the endpoint's error handler): to
 * the redirect URI when the request names one the client registered (RFC 6749 section
 * 4.1.2.1), else on our error page.
 */
final class EarlyAuthorizationErrors {

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("authorization-errors",
			"anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private EarlyAuthorizationErrors() {
	}

	static void send(HttpServletRequest request, HttpServletResponse response, RegisteredClient client,
			OAuth2Error error, AuthenticationFailureHandler errorHandler) throws IOException, ServletException {
		String redirectUri = single(request.getParameterValues("redirect_uri"));
		if (redirectUri != null && !client.getRedirectUris().contains(redirectUri)) {
			redirectUri = null;
		}
		Authentication principal = SecurityContextHolder.getContext().getAuthentication();
		OAuth2AuthorizationCodeRequestAuthenticationToken failed = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				request.getRequestURL().toString(), client.getClientId(), (principal != null) ? principal : ANONYMOUS,
				redirectUri, single(request.getParameterValues("state")), Set.of(), Map.of());
		errorHandler.onAuthenticationFailure(request, response,
				new OAuth2AuthorizationCodeRequestAuthenticationException(error, failed));
	}

	/** A value sent once, or null: of a repeated one, neither is the client's. */
	private static String single(String[] values) {
		return (values != null && values.length == 1) ? values[0] : null;
	}

}
