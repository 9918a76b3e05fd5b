package io.latchkey.sampleresource;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the access tokens it has validated until they expire: a client sends the same
 * token with request after request, and checking its signature and claims again tells
 * nothing new (the same bytes give the same answer; Latchkey keeps a retired signing key
 * published until every token it signed has expired). A remembered token is used only
 * between its {@code nbf} and {@code exp}; after that it is decoded again, which refuses
 * it. At most {@code capacity} tokens are kept; a full cache starts afresh.
 */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final Clock clock;

	private final int capacity;

	private final Map<String, Jwt> validated = new ConcurrentHashMap<>();

	CachingJwtDecoder(JwtDecoder delegate, Clock clock, int capacity) {
		this.delegate = delegate;
		this.clock = clock;
		this.capacity = capacity;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt remembered = this.validated.get(token);
		if (remembered != null && isCurrent(remembered, this.clock.instant())) {
			return remembered;
		}
		Jwt jwt = this.delegate.decode(token);
		if (this.validated.size() >= this.capacity) {
			this.validated.clear();
		}
		this.validated.put(token, jwt);
		return jwt;
	}

	private static boolean isCurrent(Jwt jwt, Instant now) {
		return jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())
				&& (jwt.getNotBefore() == null || !now.isBefore(jwt.getNotBefore()));
	}

}
