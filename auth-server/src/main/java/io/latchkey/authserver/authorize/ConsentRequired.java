package io.latchkey.authserver.authorize;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;

/**
 * When the consent page is shown: the library's rule (the client requires consent and not
 * every requested scope was approved before; {@code openid} alone needs none), plus
 * {@code prompt=consent} (OpenID Connect Core 3.1.2.1), which asks again whatever was
 * approved. With {@code prompt=none} as well, the library answers
 * {@code consent_required}.
 */
final class ConsentRequired implements Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	@Override
	public boolean test(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationRequest request = context.getAuthorizationRequest();
		Object prompt = request.getAdditionalParameters().get("prompt");
		if (prompt instanceof String prompts && Arrays.asList(prompts.split(" ")).contains("consent")) {
			return true;
		}
		if (!context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()) {
			return false;
		}
		Set<String> requested = request.getScopes();
		if (requested.size() == 1 && requested.contains(OidcScopes.OPENID)) {
			return false;
		}
		OAuth2AuthorizationConsent previous = context.getAuthorizationConsent();
		return previous == null || !previous.getScopes().containsAll(requested);
	}

}
