package io.latchkey.authserver.authorize;

import java.util.Arrays;
import java.util.function.Consumer;

import io.latchkey.authserver.client.LatchkeyClientSettings;
import io.latchkey.authserver.login.AuthenticationMethods;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * A client that requires multi-factor sign-in (its registration says so, or it asks with
 * {@code acr_values} or as an essential {@code acr} claim for
 * {@link AuthenticationMethods#ACR_MULTI_FACTOR}) gets no code for a password-only
 * sign-in: the client receives {@code access_denied} (RFC 6749 4.1.2.1) with a
 * description that says why. People who have a second factor always use it, so this stops
 * only people who have none yet. Must follow the redirect URI rule.
 */
final class MultiFactorRequiredValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		// not signed in yet, or a pushed request (RFC 9126) whose principal is the
		// client: decided when the person arrives at the authorization endpoint
		if (!(request.getPrincipal() instanceof Authentication user) || !user.isAuthenticated()
				|| user instanceof AnonymousAuthenticationToken || user instanceof OAuth2ClientAuthenticationToken) {
			return;
		}
		boolean required = LatchkeyClientSettings.of(context.getRegisteredClient()).requireMultiFactor()
				|| asksForMultiFactor(request.getAdditionalParameters().get("acr_values")) || ClaimsParameter
					.asksForEssentialAcr(request.getAdditionalParameters(), AuthenticationMethods.ACR_MULTI_FACTOR);
		if (required && !AuthenticationMethods.isMultiFactor(user)) {
			String redirectUri = (request.getRedirectUri() != null) ? request.getRedirectUri()
					: context.getRegisteredClient().getRedirectUris().iterator().next();
			throw AuthorizationRequestErrors.errorWithDescription(OAuth2ErrorCodes.ACCESS_DENIED,
					"This application requires two-step sign-in. Set up an authenticator app on your Latchkey account page.",
					ERROR_URI, request, redirectUri);
		}
	}

	private static boolean asksForMultiFactor(Object acrValues) {
		return acrValues instanceof String values
				&& Arrays.asList(values.split(" ")).contains(AuthenticationMethods.ACR_MULTI_FACTOR);
	}

}
