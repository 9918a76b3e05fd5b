package io.latchkey.authserver.client;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;
import org.springframework.security.oauth2.server.authorization.oidc.converter.OidcClientRegistrationRegisteredClientConverter;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.ConfigurationSettingNames;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The library's conversion of registration metadata into a client, plus our settings: the
 * client type, enabled, PKCE as asked (or the server's default), consent asked, and the
 * owner named in the initial access token (so the client shows in that developer's
 * portal).
 */
class DynamicRegistrationConverter implements Converter<OidcClientRegistration, RegisteredClient> {

	private final OidcClientRegistrationRegisteredClientConverter library = new OidcClientRegistrationRegisteredClientConverter();

	private final NewClientDefaults defaults;

	private final TokenProperties tokens;

	DynamicRegistrationConverter(NewClientDefaults defaults, TokenProperties tokens) {
		this.defaults = defaults;
		this.tokens = tokens;
	}

	@Override
	public RegisteredClient convert(OidcClientRegistration registration) {
		RegisteredClient client = this.library.convert(registration);
		ClientSettings.Builder settings = ClientSettings.withSettings(client.getClientSettings().getSettings())
			.requireAuthorizationConsent(true);
		ClientType type = DynamicRegistrationRules.typeOf(registration);
		ClientDefinition definition = DynamicRegistrationRules.definitionOf(registration, this.defaults);
		LatchkeyClientSettings.writeTo(settings)
			.type(type)
			.disabled(false)
			.backChannelLogoutUri(definition.backchannelLogoutUri());
		// the options the library does not convert itself (PKCE, PAR, DPoP, pairwise,
		// request URIs)
		ClientOptions options = DynamicRegistrationRules.optionsOf(registration, this.defaults);
		RegisteredClients.applyOptions(options, type, settings);
		String jwks = DynamicRegistrationRules.jwksJson(registration);
		if (jwks != null) {
			// keys by value in place of the mark that carried them past the library
			Map<String, Object> withoutUrl = new HashMap<>(settings.build().getSettings());
			withoutUrl.remove(ConfigurationSettingNames.Client.JWK_SET_URL);
			settings = ClientSettings.withSettings(withoutUrl);
			LatchkeyClientSettings.writeTo(settings).jwks(jwks);
		}
		UUID owner = initialAccessTokenOwner();
		if (owner != null) {
			LatchkeyClientSettings.writeTo(settings).owner(owner.toString());
		}
		// refresh tokens rotate, as for every other client (reuse detection depends on
		// it); codes live as long as every other client's; the ID token algorithm is the
		// one asked for (the library's conversion always says RS256)
		TokenSettings tokens = TokenSettings.withSettings(client.getTokenSettings().getSettings())
			.reuseRefreshTokens(!RegisteredClients.rotates(definition))
			.authorizationCodeTimeToLive(this.tokens.authorizationCodeTimeToLive())
			.idTokenSignatureAlgorithm(SignatureAlgorithm.from(options.idTokenSigningAlgorithm()))
			.build();
		return RegisteredClient.from(client)
			.scopes((scopes) -> scopes.addAll(DynamicRegistrationRules.scopesOf(registration, type)))
			.clientSettings(settings.build())
			.tokenSettings(tokens)
			.build();
	}

	private static UUID initialAccessTokenOwner() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt
				&& jwt.getClaimAsString(InitialAccessTokens.OWNER_CLAIM) != null) {
			return UUID.fromString(jwt.getClaimAsString(InitialAccessTokens.OWNER_CLAIM));
		}
		return null;
	}

}
