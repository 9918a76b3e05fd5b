package io.latchkey.authserver.authorize;

import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * A {@code state} no longer than {@value #MAX_LENGTH} characters. RFC 6749 sets no bound,
 * but the server returns {@code state} in the redirect (section 4.1.2), whose
 * {@code Location} header must fit in a response header; a longer one, which a form POST
 * (OpenID Connect Core 3.1.2.1) can carry, is refused before a code is issued, and its
 * error is shown on our page because no redirect can carry it back. RP-initiated logout
 * returns {@code state} the same way and keeps the same bound.
 */
public final class StateLengthValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	public static final int MAX_LENGTH = 2048;

	public static boolean tooLong(String state) {
		return state != null && state.length() > MAX_LENGTH;
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		if (tooLong(request.getState())) {
			String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
					: context.getRegisteredClient().getRedirectUris().iterator().next();
			throw AuthorizationRequestErrors.errorWithDescription(OAuth2ErrorCodes.INVALID_REQUEST,
					tooLongDescription(), null, request, redirectUri);
		}
	}

	public static String tooLongDescription() {
		return "OAuth 2.0 Parameter: " + OAuth2ParameterNames.STATE + " (longer than " + MAX_LENGTH
				+ " characters, too long to be returned to the application)";
	}

}
