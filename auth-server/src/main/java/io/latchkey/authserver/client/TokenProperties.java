package io.latchkey.authserver.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token lifetimes given to clients from configuration, and the resource servers whose
 * audience goes into access tokens.
 *
 * @param accessTokenTimeToLive how long an access token is valid
 * @param refreshTokenTimeToLive how long a refresh token is valid
 * @param authorizationCodeTimeToLive how long an authorization code may wait for
 * exchange, at most a minute (FAPI 2.0 Security Profile 5.3.2.1), for every client
 * @param resources the APIs that accept our access tokens
 * @param refreshTokenAbsoluteLifetime how long a chain of rotated refresh tokens may go
 * on after the sign-in that started it, however often it is used (a client may set a
 * shorter one)
 * @param pairwiseSubjectSecret the secret pairwise subject identifiers are derived with;
 * changing it changes every pairwise identifier
 */
@ConfigurationProperties("latchkey.tokens")
public record TokenProperties(@DefaultValue("5m") Duration accessTokenTimeToLive,
		@DefaultValue("8h") Duration refreshTokenTimeToLive, @DefaultValue("1m") Duration authorizationCodeTimeToLive,
		@DefaultValue List<Resource> resources, @DefaultValue("30d") Duration refreshTokenAbsoluteLifetime,
		String pairwiseSubjectSecret) {

	public TokenProperties {
		if (authorizationCodeTimeToLive.compareTo(MAX_AUTHORIZATION_CODE_TIME_TO_LIVE) > 0
				|| authorizationCodeTimeToLive.isNegative() || authorizationCodeTimeToLive.isZero()) {
			throw new IllegalArgumentException(
					"latchkey.tokens.authorization-code-time-to-live must be more than 0 and at most 60s, not "
							+ authorizationCodeTimeToLive);
		}
	}

	public static final Duration MAX_AUTHORIZATION_CODE_TIME_TO_LIVE = Duration.ofMinutes(1);

	/**
	 * An API that accepts our access tokens.
	 *
	 * @param audience the value it expects in {@code aud}
	 * @param scopes the scopes that grant access to it: a token with any of them is for
	 * this audience
	 * @param uri its resource indicator (RFC 8707): a client that names it with
	 * {@code resource} gets a token for this API only
	 */
	public record Resource(String audience, List<String> scopes, String uri) {

		public Resource {
			scopes = (scopes != null) ? scopes : List.of();
		}

	}

	/** The API a resource indicator names, if it is one of ours. */
	public Optional<Resource> resourceAt(String uri) {
		return this.resources.stream().filter((resource) -> uri != null && uri.equals(resource.uri())).findFirst();
	}

}
