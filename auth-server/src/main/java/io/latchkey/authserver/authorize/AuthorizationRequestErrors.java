package io.latchkey.authserver.authorize;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * Builds the exceptions our authorization request rules throw, the way the library's own
 * validators do: with a redirect URI the error goes back to the client, without one it is
 * shown to the user.
 */
final class AuthorizationRequestErrors {

	private AuthorizationRequestErrors() {
	}

	/** An error about one request parameter, described the way the library does. */
	public static OAuth2AuthorizationCodeRequestAuthenticationException error(String errorCode, String parameter,
			String errorUri, OAuth2AuthorizationCodeRequestAuthenticationToken request, String redirectUri) {
		return errorWithDescription(errorCode, "OAuth 2.0 Parameter: " + parameter, errorUri, request, redirectUri);
	}

	public static OAuth2AuthorizationCodeRequestAuthenticationException errorWithDescription(String errorCode,
			String description, String errorUri, OAuth2AuthorizationCodeRequestAuthenticationToken request,
			String redirectUri) {
		OAuth2Error error = new OAuth2Error(errorCode, description, errorUri);
		OAuth2AuthorizationCodeRequestAuthenticationToken result = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
				redirectUri, request.getState(), request.getScopes(), request.getAdditionalParameters());
		result.setAuthenticated(true);
		return new OAuth2AuthorizationCodeRequestAuthenticationException(error, result);
	}

}
