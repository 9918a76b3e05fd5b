package io.latchkey.authserver.consent;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.StringUtils;

/**
 * Deny on the consent page: a decision that approves no scope ends the request with
 * {@code access_denied} (OpenID Connect Core 3.1.2.6, RFC 6749 section 4.1.2.1; for a
 * device, RFC 8628 section 3.5 at its next poll). The library's consent providers add the
 * scopes approved earlier to those approved now, so without this a Deny after an earlier
 * consent still issued a code with the earlier scopes. Around the library's providers, it
 * answers only denials and leaves every other decision (and every malformed one, which
 * the library refuses) to them. Earlier consents stay as they were: a Deny refuses this
 * request, it does not withdraw what the person allowed before.
 */
public final class ConsentDenial implements AuthenticationProvider {

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private static final String CODE_ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

	private static final String DEVICE_ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8628#section-3.5";

	private final AuthenticationProvider library;

	private final OAuth2AuthorizationService authorizations;

	private final RegisteredClientRepository clients;

	private final boolean devices;

	private ConsentDenial(AuthenticationProvider library, OAuth2AuthorizationService authorizations,
			RegisteredClientRepository clients) {
		this.library = library;
		this.authorizations = authorizations;
		this.clients = clients;
		this.devices = library instanceof OAuth2DeviceAuthorizationConsentAuthenticationProvider;
	}

	/**
	 * Puts the denial around the library's consent providers in the list (around, not
	 * before: a provider manager goes on to the next provider when one refuses).
	 */
	public static void configure(List<AuthenticationProvider> providers, OAuth2AuthorizationService authorizations,
			RegisteredClientRepository clients) {
		providers.replaceAll((provider) -> (provider instanceof OAuth2AuthorizationConsentAuthenticationProvider
				|| provider instanceof OAuth2DeviceAuthorizationConsentAuthenticationProvider)
						? new ConsentDenial(provider, authorizations, clients) : provider);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2AuthorizationConsentAuthenticationToken decision = (OAuth2AuthorizationConsentAuthenticationToken) authentication;
		boolean ofDevice = decision instanceof OAuth2DeviceAuthorizationConsentAuthenticationToken;
		if (ofDevice != this.devices || !decision.getScopes().isEmpty()) {
			return this.library.authenticate(authentication);
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(decision.getState(), STATE);
		RegisteredClient client = (authorization != null) ? this.clients.findById(authorization.getRegisteredClientId())
				: null;
		if (client == null || !client.getClientId().equals(decision.getClientId())
				|| !(decision.getPrincipal() instanceof Authentication person) || !person.isAuthenticated()
				|| !person.getName().equals(authorization.getPrincipalName())) {
			// not this person's pending request: the library refuses it as it does any
			return this.library.authenticate(authentication);
		}
		if (this.devices) {
			throw denyDevice(authorization);
		}
		throw denyAuthorizationRequest(authorization, client, person);
	}

	private OAuth2AuthenticationException denyAuthorizationRequest(OAuth2Authorization authorization,
			RegisteredClient client, Authentication person) {
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		this.authorizations.remove(authorization);
		String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
				: client.getRedirectUris().iterator().next();
		OAuth2AuthorizationCodeRequestAuthenticationToken answer = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				request.getAuthorizationUri(), client.getClientId(), person, redirectUri, request.getState(),
				request.getScopes(), null);
		return new OAuth2AuthorizationCodeRequestAuthenticationException(denied(CODE_ERROR_URI), answer);
	}

	/**
	 * Both codes invalidated, the authorization kept: the device's next poll finds a used
	 * user code and an invalidated device code, which the library answers with
	 * {@code access_denied}.
	 */
	private OAuth2AuthenticationException denyDevice(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2DeviceCode> deviceCode = authorization.getToken(OAuth2DeviceCode.class);
		OAuth2Authorization.Token<OAuth2UserCode> userCode = authorization.getToken(OAuth2UserCode.class);
		OAuth2Authorization.Builder denied = OAuth2Authorization.from(authorization)
			.attributes((attributes) -> attributes.remove(OAuth2ParameterNames.STATE));
		if (deviceCode != null) {
			denied.invalidate(deviceCode.getToken());
		}
		if (userCode != null) {
			denied.invalidate(userCode.getToken());
		}
		this.authorizations.save(denied.build());
		return new OAuth2AuthenticationException(denied(DEVICE_ERROR_URI));
	}

	private static OAuth2Error denied(String uri) {
		return new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, "The person declined the request", uri);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.library.supports(authentication);
	}

}
