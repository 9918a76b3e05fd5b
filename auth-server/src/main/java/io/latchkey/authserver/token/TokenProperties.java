package io.latchkey.authserver.token;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token lifetimes given to clients from configuration, and the resource servers whose
 * audience goes into access tokens.
 *
 * @param accessTokenTimeToLive how long an access token is valid
 * @param refreshTokenTimeToLive how long a refresh token is valid
 * @param authorizationCodeTimeToLive how long an authorization code may wait for exchange
 * @param resources the APIs that accept our access tokens
 */
@ConfigurationProperties("latchkey.tokens")
public record TokenProperties(Duration accessTokenTimeToLive, Duration refreshTokenTimeToLive,
		Duration authorizationCodeTimeToLive, List<Resource> resources) {

	public TokenProperties {
		accessTokenTimeToLive = (accessTokenTimeToLive != null) ? accessTokenTimeToLive : Duration.ofMinutes(5);
		refreshTokenTimeToLive = (refreshTokenTimeToLive != null) ? refreshTokenTimeToLive : Duration.ofHours(8);
		authorizationCodeTimeToLive = (authorizationCodeTimeToLive != null) ? authorizationCodeTimeToLive
				: Duration.ofMinutes(2);
		resources = (resources != null) ? resources : List.of();
	}

	/**
	 * An API that accepts our access tokens.
	 *
	 * @param audience the value it expects in {@code aud}
	 * @param scopes the scopes that grant access to it: a token with any of them is for
	 * this audience
	 */
	public record Resource(String audience, List<String> scopes) {

		public Resource {
			scopes = (scopes != null) ? scopes : List.of();
		}

	}

}
