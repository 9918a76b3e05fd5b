package io.latchkey.authserver.web;

import java.util.Set;

import io.micrometer.common.KeyValue;

import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

/**
 * Names the protocol endpoints in the HTTP server metrics ({@code http_server_requests}).
 * Spring Authorization Server answers them in filters, where no handler mapping sets a
 * route, so Spring's convention tags them all {@code uri="UNKNOWN"}, and token requests
 * could not be told from discovery. This tags each fixed endpoint path with itself: a
 * closed set, so the tag keeps its low cardinality. Every other request keeps Spring's
 * tag.
 */
@Component
class EndpointObservations extends DefaultServerRequestObservationConvention {

	private final Set<String> endpoints;

	EndpointObservations(AuthorizationServerSettings settings) {
		this.endpoints = Set.of(settings.getAuthorizationEndpoint(), settings.getPushedAuthorizationRequestEndpoint(),
				settings.getDeviceAuthorizationEndpoint(), settings.getDeviceVerificationEndpoint(),
				settings.getTokenEndpoint(), settings.getJwkSetEndpoint(), settings.getTokenRevocationEndpoint(),
				settings.getTokenIntrospectionEndpoint(), settings.getOidcClientRegistrationEndpoint(),
				settings.getOidcUserInfoEndpoint(), settings.getOidcLogoutEndpoint(),
				"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server");
	}

	@Override
	protected KeyValue uri(ServerRequestObservationContext context) {
		if (context.getPathPattern() == null && this.endpoints.contains(context.getCarrier().getRequestURI())) {
			return KeyValue.of("uri", context.getCarrier().getRequestURI());
		}
		return super.uri(context);
	}

}
