package io.latchkey.authserver.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What a client is, whoever defines it (configuration, the developer portal, dynamic
 * registration): everything but its identifiers and secret.
 *
 * @param name shown to people on the consent page
 * @param type web application, public (single-page or native) application, or service
 * @param redirectUris where authorization responses may go, matched exactly
 * @param postLogoutRedirectUris where people may be sent after signing out
 * @param backchannelLogoutUri where logout tokens are posted, or null
 * @param scopes the scopes it may be granted
 * @param requireConsent whether people are asked before it gets access
 * @param requireMultiFactor whether it accepts only multi-factor sign-ins
 * @param accessTokenTimeToLive how long its access tokens live
 * @param refreshTokenTimeToLive how long its refresh tokens live
 * @param options what else it chose
 */
public record ClientDefinition(String name, ClientType type, List<String> redirectUris,
		List<String> postLogoutRedirectUris, String backchannelLogoutUri, Set<String> scopes, boolean requireConsent,
		boolean requireMultiFactor, Duration accessTokenTimeToLive, Duration refreshTokenTimeToLive,
		ClientOptions options) {

	public ClientDefinition {
		redirectUris = (redirectUris != null) ? List.copyOf(redirectUris) : List.of();
		postLogoutRedirectUris = (postLogoutRedirectUris != null) ? List.copyOf(postLogoutRedirectUris) : List.of();
		scopes = (scopes != null) ? Set.copyOf(scopes) : Set.of();
		options = (options != null) ? options : ClientOptions.DEFAULTS;
	}

	/** A definition with the default options. */
	public ClientDefinition(String name, ClientType type, List<String> redirectUris,
			List<String> postLogoutRedirectUris, String backchannelLogoutUri, Set<String> scopes,
			boolean requireConsent, boolean requireMultiFactor, Duration accessTokenTimeToLive,
			Duration refreshTokenTimeToLive) {
		this(name, type, redirectUris, postLogoutRedirectUris, backchannelLogoutUri, scopes, requireConsent,
				requireMultiFactor, accessTokenTimeToLive, refreshTokenTimeToLive, ClientOptions.DEFAULTS);
	}

}
