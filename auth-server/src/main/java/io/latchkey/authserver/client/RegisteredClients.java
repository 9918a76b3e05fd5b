package io.latchkey.authserver.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.ConfigurationSettingNames;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Turns a {@link ClientDefinition} into the library's {@link RegisteredClient}, and reads
 * our own settings back. Our settings live in the client settings map under
 * {@code settings.client.latchkey.*}.
 */
public final class RegisteredClients {

	private RegisteredClients() {
	}

	/**
	 * The registered client for the definition; {@code encodedSecret} is the stored form
	 * of its secret (null for public clients).
	 */
	public static RegisteredClient build(String id, String clientId, ClientDefinition definition, String encodedSecret,
			Duration authorizationCodeTimeToLive, boolean disabled) {
		ClientSettings.Builder settings = ClientSettings.builder()
			.requireAuthorizationConsent(definition.requireConsent());
		LatchkeyClientSettings.writeTo(settings)
			.requireMultiFactor(definition.requireMultiFactor())
			.type(definition.type())
			.disabled(disabled)
			.backChannelLogoutUri(
					(definition.backchannelLogoutUri() != null && !definition.backchannelLogoutUri().isBlank())
							? definition.backchannelLogoutUri() : null);
		applyOptions(definition.options(), definition.type(), settings);
		RegisteredClient.Builder builder = RegisteredClient.withId(id)
			.clientId(clientId)
			.clientName(definition.name())
			.redirectUris((uris) -> uris.addAll(definition.redirectUris()))
			.postLogoutRedirectUris((uris) -> uris.addAll(definition.postLogoutRedirectUris()))
			.scopes((scopes) -> scopes.addAll(definition.scopes()))
			.clientSettings(settings.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
				.accessTokenTimeToLive(definition.accessTokenTimeToLive())
				.authorizationCodeTimeToLive(authorizationCodeTimeToLive)
				.refreshTokenTimeToLive(definition.refreshTokenTimeToLive())
				.reuseRefreshTokens(!rotates(definition))
				.idTokenSignatureAlgorithm(SignatureAlgorithm.from(definition.options().idTokenSigningAlgorithm()))
				.build());
		if (definition.options().deviceGrant() && definition.type() != ClientType.SERVICE) {
			builder.authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
		}
		switch (definition.type()) {
			case WEB -> builder.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
			case PUBLIC -> builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
			case SERVICE -> builder.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
		}
		if (definition.type() != ClientType.PUBLIC) {
			builder.clientAuthenticationMethods((methods) -> methods.addAll(methodsOf(definition.options())));
			if (!definition.options().privateKeyJwt()) {
				builder.clientSecret(encodedSecret);
			}
		}
		return builder.build();
	}

	/**
	 * The client changed as the definition says, keeping everything a definition does not
	 * describe: identifiers, secret, authentication methods and grant types (a
	 * dynamically registered client may have others than the portal offers), its key set,
	 * owner, and our settings the definition has no field for.
	 */
	public static RegisteredClient rebuild(RegisteredClient existing, ClientDefinition definition) {
		Map<String, Object> kept = new HashMap<>(existing.getClientSettings().getSettings());
		kept.remove(LatchkeyClientSettings.BACKCHANNEL_LOGOUT_URI);
		if (definition.backchannelLogoutUri() != null && !definition.backchannelLogoutUri().isBlank()) {
			kept.put(LatchkeyClientSettings.BACKCHANNEL_LOGOUT_URI, definition.backchannelLogoutUri());
		}
		for (String option : OPTION_SETTINGS) {
			kept.remove(option);
		}
		ClientSettings.Builder settings = ClientSettings.withSettings(kept)
			.requireAuthorizationConsent(definition.requireConsent())
			.setting(LatchkeyClientSettings.REQUIRE_MULTI_FACTOR, definition.requireMultiFactor());
		applyOptions(definition.options(), definition.type(), settings);
		ClientSettings built = settings.build();
		boolean deviceGrant = definition.options().deviceGrant() && definition.type() != ClientType.SERVICE;
		RegisteredClient.Builder builder = RegisteredClient.from(existing);
		if (definition.type() != ClientType.PUBLIC) {
			boolean wasKeyed = existing.getClientAuthenticationMethods()
				.contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
			if (definition.options().privateKeyJwt() || wasKeyed) {
				// a switch to a secret needs a new one (the portal's "Make a new secret")
				builder.clientAuthenticationMethods((methods) -> {
					methods.clear();
					methods.addAll(methodsOf(definition.options()));
				});
			}
			if (definition.options().privateKeyJwt()) {
				builder.clientSecret(null);
			}
		}
		return builder.clientName(definition.name()).authorizationGrantTypes((grants) -> {
			if (deviceGrant) {
				grants.add(AuthorizationGrantType.DEVICE_CODE);
				grants.add(AuthorizationGrantType.REFRESH_TOKEN);
			}
			else if (grants.remove(AuthorizationGrantType.DEVICE_CODE) && typeOf(existing) == ClientType.PUBLIC) {
				// a public client refreshes only what the device grant gave it
				grants.remove(AuthorizationGrantType.REFRESH_TOKEN);
			}
		}).redirectUris((uris) -> {
			uris.clear();
			uris.addAll(definition.redirectUris());
		}).postLogoutRedirectUris((uris) -> {
			uris.clear();
			uris.addAll(definition.postLogoutRedirectUris());
		}).scopes((scopes) -> {
			scopes.clear();
			scopes.addAll(definition.scopes());
		})
			.clientSettings(built)
			.tokenSettings(TokenSettings.withSettings(existing.getTokenSettings().getSettings())
				.accessTokenTimeToLive(definition.accessTokenTimeToLive())
				.refreshTokenTimeToLive(definition.refreshTokenTimeToLive())
				.reuseRefreshTokens(!rotates(definition))
				.idTokenSignatureAlgorithm(SignatureAlgorithm.from(definition.options().idTokenSigningAlgorithm()))
				.build())
			.build();
	}

	/**
	 * Whether its refresh tokens rotate: by its choice, except a public client whose
	 * tokens are not bound to a key (RFC 9700 section 4.14.2: rotation or sender
	 * constraint).
	 */
	static boolean rotates(ClientDefinition definition) {
		return definition.options().rotateRefreshTokens()
				|| (definition.type() == ClientType.PUBLIC && !definition.options().requireDPoP());
	}

	/** How a confidential client with these options authenticates. */
	static Set<ClientAuthenticationMethod> methodsOf(ClientOptions options) {
		return options.privateKeyJwt() ? Set.of(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
				: Set.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST);
	}

	/** The client settings that hold {@link ClientOptions}. */
	private static final List<String> OPTION_SETTINGS = List.of(LatchkeyClientSettings.REQUIRE_PUSHED_REQUESTS,
			LatchkeyClientSettings.DPOP_BOUND_ACCESS_TOKENS, LatchkeyClientSettings.SUBJECT_TYPE,
			LatchkeyClientSettings.SECTOR_IDENTIFIER_URI, ConfigurationSettingNames.Client.JWK_SET_URL,
			LatchkeyClientSettings.REQUEST_URIS, LatchkeyClientSettings.LOGO_URI, LatchkeyClientSettings.POLICY_URI,
			LatchkeyClientSettings.TOS_URI,
			ConfigurationSettingNames.Client.TOKEN_ENDPOINT_AUTHENTICATION_SIGNING_ALGORITHM);

	static void applyOptions(ClientOptions options, ClientType type, ClientSettings.Builder settings) {
		settings.requireProofKey(type == ClientType.PUBLIC || (type == ClientType.WEB && options.requireProofKey()));
		LatchkeyClientSettings.Writer ours = LatchkeyClientSettings.writeTo(settings)
			.requirePushedRequests(options.requirePushedRequests())
			.requireDPoP(options.requireDPoP())
			.requestUris(options.requestUris())
			.pages(options.logoUri(), options.policyUri(), options.tosUri());
		if (options.pairwiseSubjects()) {
			ours.pairwiseSubjects(options.sectorIdentifierUri());
		}
		if (options.jwkSetUri() != null) {
			settings.jwkSetUrl(options.jwkSetUri());
		}
		if (options.privateKeyJwt()) {
			// the library tells private_key_jwt from client_secret_jwt by this; we accept
			// every algorithm of ClientKeys
			settings.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256);
		}
	}

	/** The options a registered client was built with. */
	public static ClientOptions optionsOf(RegisteredClient client) {
		LatchkeyClientSettings ours = LatchkeyClientSettings.of(client);
		SignatureAlgorithm idTokenAlgorithm = client.getTokenSettings().getIdTokenSignatureAlgorithm();
		return new ClientOptions(client.getClientSettings().isRequireProofKey(), ours.requirePushedRequests(),
				ours.requireDPoP(), (idTokenAlgorithm != null) ? idTokenAlgorithm.getName() : null,
				ours.pairwiseSubjects(), ours.sectorIdentifierUri(),
				(ours.jwks() != null) ? RegistrationRequests.KEYS_BY_VALUE : client.getClientSettings().getJwkSetUrl(),
				ours.requestUris(), client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.DEVICE_CODE),
				ours.logoUri(), ours.policyUri(), ours.tosUri(),
				client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
						? ClientOptions.PRIVATE_KEY_JWT : ClientOptions.SECRET,
				!client.getTokenSettings().isReuseRefreshTokens());
	}

	/** The definition a registered client was built from, for editing. */
	public static ClientDefinition definitionOf(RegisteredClient client) {
		return new ClientDefinition(client.getClientName(), typeOf(client), client.getRedirectUris().stream().toList(),
				client.getPostLogoutRedirectUris().stream().toList(),
				LatchkeyClientSettings.of(client).backChannelLogoutUri(), Set.copyOf(client.getScopes()),
				client.getClientSettings().isRequireAuthorizationConsent(),
				LatchkeyClientSettings.of(client).requireMultiFactor(),
				client.getTokenSettings().getAccessTokenTimeToLive(),
				client.getTokenSettings().getRefreshTokenTimeToLive(), optionsOf(client));
	}

	public static ClientType typeOf(RegisteredClient client) {
		ClientType type = LatchkeyClientSettings.of(client).type();
		if (type != null) {
			return type;
		}
		if (client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS)) {
			return ClientType.SERVICE;
		}
		return client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE) ? ClientType.PUBLIC
				: ClientType.WEB;
	}

	public static boolean isDisabled(RegisteredClient client) {
		return LatchkeyClientSettings.of(client).disabled();
	}

}
