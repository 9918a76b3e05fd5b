package io.latchkey.authserver.client;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;
import org.springframework.security.oauth2.server.authorization.oidc.converter.RegisteredClientOidcClientRegistrationConverter;

/**
 * A client's registered metadata as the registration endpoint answers it (RFC 7591
 * section 3.2.1, RFC 7592 section 3): the library's fields plus the options it does not
 * know, so a client reads back every choice it made or was given.
 */
class RegistrationMetadata implements Converter<RegisteredClient, OidcClientRegistration> {

	private final RegisteredClientOidcClientRegistrationConverter library = new RegisteredClientOidcClientRegistrationConverter();

	@Override
	public OidcClientRegistration convert(RegisteredClient client) {
		OidcClientRegistration.Builder metadata = OidcClientRegistration
			.withClaims(this.library.convert(client).getClaims());
		ClientOptions options = RegisteredClients.optionsOf(client);
		LatchkeyClientSettings ours = LatchkeyClientSettings.of(client);
		metadata.claim(DynamicRegistrationRules.REQUIRE_PKCE, options.requireProofKey())
			.claim(DynamicRegistrationRules.ROTATE_REFRESH_TOKENS, !client.getTokenSettings().isReuseRefreshTokens())
			.claim("require_pushed_authorization_requests", options.requirePushedRequests())
			.claim("dpop_bound_access_tokens", options.requireDPoP())
			.claim("subject_type", options.pairwiseSubjects() ? LatchkeyClientSettings.PAIRWISE : "public");
		if (options.sectorIdentifierUri() != null) {
			metadata.claim("sector_identifier_uri", options.sectorIdentifierUri());
		}
		if (!options.requestUris().isEmpty()) {
			metadata.claim("request_uris", options.requestUris());
		}
		if (ours.jwks() != null) {
			metadata.claim("jwks", ClientKeys.parse(ours.jwks()).toJSONObject());
		}
		putIfPresent(metadata, "logo_uri", options.logoUri());
		putIfPresent(metadata, "policy_uri", options.policyUri());
		putIfPresent(metadata, "tos_uri", options.tosUri());
		if (ours.backChannelLogoutUri() != null) {
			metadata.claim("backchannel_logout_uri", ours.backChannelLogoutUri());
		}
		return metadata.build();
	}

	private static void putIfPresent(OidcClientRegistration.Builder metadata, String name, String value) {
		if (value != null) {
			metadata.claim(name, value);
		}
	}

}
