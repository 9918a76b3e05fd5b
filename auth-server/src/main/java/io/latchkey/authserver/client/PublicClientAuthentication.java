package io.latchkey.authserver.client;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;

/**
 * Public clients of the device authorization grant (a TV, a command-line tool) identify
 * themselves by {@code client_id} alone (RFC 8628 section 3.1), and so do public clients
 * refreshing their tokens (OAuth 2.1 section 4.3: their refresh tokens rotate, and are
 * bound to a DPoP key when they were issued with a proof). The library's public client
 * authentication expects a PKCE verifier, which neither request has; this accepts exactly
 * those requests of public clients registered for the device or refresh grant.
 */
public final class PublicClientAuthentication {

	private PublicClientAuthentication() {
	}

	/**
	 * Reads {@code client_id} from device authorization, device code and refresh token
	 * requests.
	 */
	public static AuthenticationConverter converter(String deviceAuthorizationPath) {
		RequestMatcher deviceAuthorization = PathPatternRequestMatcher.withDefaults().matcher(deviceAuthorizationPath);
		return (request) -> {
			if (!HttpMethod.POST.matches(request.getMethod())
					|| !(isDeviceRequest(request, deviceAuthorization) || isRefreshRequest(request))
					|| request.getHeader("Authorization") != null
					|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
					|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
				return null;
			}
			String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
			if (!StringUtils.hasText(clientId)
					|| request.getParameterValues(OAuth2ParameterNames.CLIENT_ID).length != 1) {
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
			}
			return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null, null);
		};
	}

	/**
	 * Authenticates a public client registered for the device or refresh grant; which
	 * grant it may use is the library's check at the token endpoint.
	 */
	public static AuthenticationProvider provider(RegisteredClientRepository clients) {
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				OAuth2ClientAuthenticationToken token = (OAuth2ClientAuthenticationToken) authentication;
				if (!ClientAuthenticationMethod.NONE.equals(token.getClientAuthenticationMethod())) {
					return null;
				}
				RegisteredClient client = clients.findByClientId((String) token.getPrincipal());
				if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
						|| !(client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.DEVICE_CODE)
								|| client.getAuthorizationGrantTypes()
									.contains(AuthorizationGrantType.REFRESH_TOKEN))) {
					throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
				}
				return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
			}

		};
	}

	private static boolean isRefreshRequest(HttpServletRequest request) {
		return AuthorizationGrantType.REFRESH_TOKEN.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
	}

	private static boolean isDeviceRequest(HttpServletRequest request, RequestMatcher deviceAuthorization) {
		return deviceAuthorization.matches(request) || AuthorizationGrantType.DEVICE_CODE.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
	}

}
