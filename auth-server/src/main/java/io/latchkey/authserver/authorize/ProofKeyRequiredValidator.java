package io.latchkey.authserver.authorize;

import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * Every authorization request carries a PKCE {@code code_challenge}, whatever the client
 * registration says (OAuth 2.1 section 4.1.1; RFC 7636 section 4.4.1). The library checks
 * the method (S256 only) after this rule.
 */
final class ProofKeyRequiredValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7636#section-4.4.1";

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Object challenge = request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE);
		if (!(challenge instanceof String value) || !StringUtils.hasText(value)) {
			String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
					: context.getRegisteredClient().getRedirectUris().iterator().next();
			throw AuthorizationRequestErrors.error(OAuth2ErrorCodes.INVALID_REQUEST, PkceParameterNames.CODE_CHALLENGE,
					ERROR_URI, request, redirectUri);
		}
	}

}
