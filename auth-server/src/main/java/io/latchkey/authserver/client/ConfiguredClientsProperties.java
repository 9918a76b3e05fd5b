package io.latchkey.authserver.client;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Clients declared in configuration ({@code latchkey.clients}), created or updated in the
 * database at start. The demo clients come this way; so may a deployment's first clients.
 */
@Validated
@ConfigurationProperties("latchkey")
record ConfiguredClientsProperties(List<@Valid ConfiguredClient> clients) {

	ConfiguredClientsProperties {
		clients = (clients != null) ? clients : List.of();
	}

	/**
	 * @param clientId the public identifier
	 * @param name shown on the consent page
	 * @param secret the client secret in clear (hashed before it is stored); none for
	 * public clients
	 * @param type what kind of client it is
	 * @param redirectUris where authorization responses may go, matched exactly
	 * @param postLogoutRedirectUris where the user may be sent after signing out
	 * @param scopes the scopes it may request
	 * @param requireConsent whether the user is asked before the client gets access
	 * @param requireMultiFactor whether the client accepts only multi-factor sign-ins
	 * @param backchannelLogoutUri where logout tokens are posted when a person's session
	 * ends, or none
	 * @param deviceGrant whether people may also sign it in on another device with a code
	 * (RFC 8628)
	 * @param requireProofKey whether a web client's authorization requests must carry a
	 * PKCE challenge (default yes; public clients always must)
	 * @param authenticationMethod {@code client_secret_basic} (the default: a secret,
	 * sent with Basic authentication or in the form) or {@code private_key_jwt}
	 * @param jwkSetUri where the client publishes its public keys (for
	 * {@code private_key_jwt} and request objects)
	 * @param rotateRefreshTokens whether refresh tokens rotate (default yes; a public
	 * client without DPoP always rotates)
	 */
	record ConfiguredClient(@NotBlank String clientId, @NotBlank String name, String secret, @NotNull ClientType type,
			List<String> redirectUris, List<String> postLogoutRedirectUris, List<String> scopes, boolean requireConsent,
			boolean requireMultiFactor, String backchannelLogoutUri, boolean deviceGrant, Boolean requireProofKey,
			String authenticationMethod, String jwkSetUri, Boolean rotateRefreshTokens) {

		ConfiguredClient {
			requireProofKey = (requireProofKey != null) ? requireProofKey : Boolean.TRUE;
			rotateRefreshTokens = (rotateRefreshTokens != null) ? rotateRefreshTokens : Boolean.TRUE;
			redirectUris = (redirectUris != null) ? redirectUris : List.of();
			postLogoutRedirectUris = (postLogoutRedirectUris != null) ? postLogoutRedirectUris : List.of();
			scopes = (scopes != null) ? scopes : List.of();
		}

	}

}
