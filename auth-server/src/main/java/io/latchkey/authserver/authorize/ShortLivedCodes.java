package io.latchkey.authserver.authorize;

import java.time.Duration;
import java.time.Instant;

import io.latchkey.authserver.crypto.RandomTokens;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Authorization codes of 256 random bits that live the server's code lifetime, at most a
 * minute (FAPI 2.0 Security Profile 5.3.2.1), whatever a stored client's token settings
 * say: registered clients got the library's five minutes before.
 */
final class ShortLivedCodes implements OAuth2TokenGenerator<OAuth2AuthorizationCode> {

	private final Duration lifetime;

	ShortLivedCodes(Duration lifetime) {
		this.lifetime = lifetime;
	}

	@Override
	public @Nullable OAuth2AuthorizationCode generate(OAuth2TokenContext context) {
		if (!OAuth2ParameterNames.CODE.equals(context.getTokenType().getValue())) {
			return null;
		}
		// the library checks expiry against the system clock, so codes are stamped by it
		Instant issuedAt = Instant.now();
		Duration clients = context.getRegisteredClient().getTokenSettings().getAuthorizationCodeTimeToLive();
		Duration lifetime = (clients != null && clients.compareTo(this.lifetime) < 0) ? clients : this.lifetime;
		return new OAuth2AuthorizationCode(RandomTokens.urlSafe(), issuedAt, issuedAt.plus(lifetime));
	}

}
