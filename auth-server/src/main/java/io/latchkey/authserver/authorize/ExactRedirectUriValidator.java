package io.latchkey.authserver.authorize;

import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;

/**
 * The redirect URI must equal, character for character, one the client registered (OAuth
 * 2.1 section 4.1.1; OpenID Connect Core 3.1.2.1). Unlike the library's default, loopback
 * URIs get no port leniency. A request that fails this is never redirected: the error is
 * shown to the user, so an attacker cannot use us to send codes or errors to an address
 * of theirs.
 */
final class ExactRedirectUriValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		RegisteredClient client = context.getRegisteredClient();
		String requested = request.getRedirectUri();
		boolean valid;
		if (StringUtils.hasText(requested)) {
			valid = client.getRedirectUris().contains(requested);
		}
		else {
			// OpenID Connect requires redirect_uri; plain OAuth may omit it when exactly
			// one is registered
			valid = !request.getScopes().contains(OidcScopes.OPENID) && client.getRedirectUris().size() == 1;
		}
		if (!valid) {
			throw AuthorizationRequestErrors.error(OAuth2ErrorCodes.INVALID_REQUEST, OAuth2ParameterNames.REDIRECT_URI,
					ERROR_URI, request, null);
		}
	}

}
