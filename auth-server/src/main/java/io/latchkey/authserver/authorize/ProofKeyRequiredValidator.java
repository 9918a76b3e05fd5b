package io.latchkey.authserver.authorize;

import java.util.function.Consumer;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;

/**
 * An authorization request carries a PKCE {@code code_challenge} when the client is
 * public, whatever its registration says, or its registration requires one (RFC 9700
 * section 2.1.1: required for public clients, recommended for confidential ones; RFC 7636
 * section 4.4.1). The library checks the method (S256 only) after this rule, and refuses
 * a {@code code_verifier} at the token endpoint for a request that had no challenge (the
 * downgrade RFC 9700 section 2.1.1 warns of).
 */
final class ProofKeyRequiredValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7636#section-4.4.1";

	private static boolean required(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		RegisteredClient client = context.getRegisteredClient();
		return client.getClientSettings().isRequireProofKey()
				|| client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE);
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Object challenge = request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE);
		boolean present = challenge instanceof String value && StringUtils.hasText(value);
		if (!present && required(context)) {
			String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
					: context.getRegisteredClient().getRedirectUris().iterator().next();
			throw AuthorizationRequestErrors.error(OAuth2ErrorCodes.INVALID_REQUEST, PkceParameterNames.CODE_CHALLENGE,
					ERROR_URI, request, redirectUri);
		}
	}

}
