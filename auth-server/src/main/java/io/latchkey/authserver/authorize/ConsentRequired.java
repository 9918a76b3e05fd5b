package io.latchkey.authserver.authorize;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;

import io.latchkey.authserver.client.ClientRules;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;

/**
 * When the consent page is shown: the library's rule (the client requires consent and not
 * every requested scope was approved before; {@code openid} alone needs none), plus
 * {@code prompt=consent} (OpenID Connect Core 3.1.2.1), which asks again whatever was
 * approved, and {@code offline_access} not consented to before (OpenID Connect Core 11).
 * With {@code prompt=none} as well, the library answers {@code consent_required}.
 */
final class ConsentRequired implements Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	@Override
	public boolean test(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationRequest request = context.getAuthorizationRequest();
		Object prompt = request.getAdditionalParameters().get("prompt");
		if (prompt instanceof String prompts && Arrays.asList(prompts.split(" ")).contains("consent")) {
			return true;
		}
		Set<String> requested = request.getScopes();
		OAuth2AuthorizationConsent previous = context.getAuthorizationConsent();
		if (requested.contains(ClientRules.OFFLINE_ACCESS)
				&& (previous == null || !previous.getScopes().contains(ClientRules.OFFLINE_ACCESS))) {
			// OpenID Connect Core 11: the OP "MUST always obtain consent" to offline
			// access, whatever the client's settings
			return true;
		}
		if (!context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()) {
			return false;
		}
		if (requested.size() == 1 && requested.contains(OidcScopes.OPENID)) {
			return false;
		}
		return previous == null || !previous.getScopes().containsAll(requested);
	}

}
