package io.latchkey.authserver.authorize;

import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;

import io.latchkey.authserver.client.LatchkeyClientSettings;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A client whose registration requires pushed authorization requests (RFC 9126 section 5,
 * {@code require_pushed_authorization_requests}) is refused at the authorization endpoint
 * unless the request comes as a {@code request_uri} from the PAR endpoint. The PAR
 * endpoint itself (the library's) runs the same rules and passes. Must follow the
 * redirect URI rule.
 */
final class PushedRequestRequiredValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc9126#section-5";

	private final RequestMatcher authorizationEndpoint;

	PushedRequestRequiredValidator(String authorizationEndpoint) {
		this.authorizationEndpoint = PathPatternRequestMatcher.withDefaults().matcher(authorizationEndpoint);
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		if (!LatchkeyClientSettings.of(context.getRegisteredClient()).requirePushedRequests()) {
			return;
		}
		HttpServletRequest request = currentRequest();
		if (request == null || !this.authorizationEndpoint.matches(request)
				|| request.getParameter("request_uri") != null) {
			return;
		}
		OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest = context.getAuthentication();
		String redirectUri = (authorizationRequest.getRedirectUri() != null) ? authorizationRequest.getRedirectUri()
				: context.getRegisteredClient().getRedirectUris().iterator().next();
		throw AuthorizationRequestErrors.errorWithDescription(OAuth2ErrorCodes.INVALID_REQUEST,
				"This client must push its authorization requests (RFC 9126)", ERROR_URI, authorizationRequest,
				redirectUri);
	}

	private static HttpServletRequest currentRequest() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest() : null;
	}

}
