package io.latchkey.authserver.authorize;

import java.util.function.Consumer;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * {@code prompt=none} without a signed-in user returns {@code login_required} to the
 * client (OpenID Connect Core 3.1.2.6) instead of showing the sign-in page. The library
 * makes that check only after its sign-in redirect, so for a request without a session it
 * would never be reached; this rule runs before it. Must follow the redirect URI rule.
 */
final class PromptNoneValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final String ERROR_URI = "https://openid.net/specs/openid-connect-core-1_0.html#AuthError";

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Object prompt = request.getAdditionalParameters().get("prompt");
		if (request.getScopes().contains(OidcScopes.OPENID) && "none".equals(prompt)
				&& !isSignedIn((Authentication) request.getPrincipal())) {
			String redirectUri = (request.getRedirectUri() != null) ? request.getRedirectUri()
					: context.getRegisteredClient().getRedirectUris().iterator().next();
			throw AuthorizationRequestErrors.error("login_required", "prompt", ERROR_URI, request, redirectUri);
		}
	}

	private static boolean isSignedIn(Authentication principal) {
		return principal != null && principal.isAuthenticated() && !(principal instanceof AnonymousAuthenticationToken);
	}

}
