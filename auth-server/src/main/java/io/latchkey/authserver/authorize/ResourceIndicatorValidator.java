package io.latchkey.authserver.authorize;

import java.util.function.Consumer;

import io.latchkey.authserver.client.TokenProperties;
import io.latchkey.authserver.token.ResourceIndicators;

import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * Every {@code resource} an authorization request names is one of our APIs (RFC 8707
 * section 2), else {@code invalid_target} to the client; the token endpoint's side is
 * {@link ResourceIndicators}.
 */
final class ResourceIndicatorValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private final TokenProperties properties;

	ResourceIndicatorValidator(TokenProperties properties) {
		this.properties = properties;
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		for (String resource : ResourceIndicators
			.values(request.getAdditionalParameters().get(ResourceIndicators.PARAMETER))) {
			if (this.properties.resourceAt(resource).isEmpty()) {
				String redirectUri = (request.getRedirectUri() != null) ? request.getRedirectUri()
						: context.getRegisteredClient().getRedirectUris().iterator().next();
				throw AuthorizationRequestErrors.errorWithDescription("invalid_target", "Unknown resource: " + resource,
						ResourceIndicators.ERROR_URI, request, redirectUri);
			}
		}
	}

}
