package io.latchkey.sampleresource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cache in front of token validation: a token is validated once while it is current,
 * again once it expires (and then refused), and a refused token is never remembered.
 */
class CachingJwtDecoderTests {

	private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	private final AtomicInteger validations = new AtomicInteger();

	/** Validates like the real decoder would at the given time: by expiry only. */
	private JwtDecoder validatingAt(Instant[] now) {
		return (token) -> {
			this.validations.incrementAndGet();
			if ("forged".equals(token)) {
				throw new BadJwtException("bad signature");
			}
			Jwt jwt = Jwt.withTokenValue(token)
				.header("alg", "RS256")
				.claims((claims) -> claims.putAll(Map.of("sub", "user-1")))
				.issuedAt(NOW)
				.expiresAt(NOW.plusSeconds(300))
				.build();
			if (!now[0].isBefore(jwt.getExpiresAt())) {
				throw new BadJwtException("expired");
			}
			return jwt;
		};
	}

	@Test
	void decodeWhenSameTokenAgainWhileCurrentThenValidatedOnce() {
		Instant[] now = { NOW };
		CachingJwtDecoder decoder = new CachingJwtDecoder(validatingAt(now), Clock.fixed(NOW, ZoneOffset.UTC), 10);

		Jwt first = decoder.decode("token-a");
		Jwt second = decoder.decode("token-a");

		assertThat(second).isSameAs(first);
		assertThat(this.validations).hasValue(1);
	}

	@Test
	void decodeWhenCachedTokenOutlivesItsExpiryThenRefusedNotServedFromTheCache() {
		Instant[] now = { NOW };
		MovingClock clock = new MovingClock(NOW);
		CachingJwtDecoder decoder = new CachingJwtDecoder(validatingAt(now), clock, 10);
		decoder.decode("token-a");

		now[0] = NOW.plusSeconds(301);
		clock.now = now[0];

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("token-a"));
		assertThat(this.validations).hasValue(2);
	}

	@Test
	void decodeWhenRefusedThenNeverRemembered() {
		Instant[] now = { NOW };
		CachingJwtDecoder decoder = new CachingJwtDecoder(validatingAt(now), Clock.fixed(NOW, ZoneOffset.UTC), 10);

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThat(this.validations).hasValue(2);
	}

	@Test
	void decodeWhenCacheFullThenStartsAfresh() {
		Instant[] now = { NOW };
		CachingJwtDecoder decoder = new CachingJwtDecoder(validatingAt(now), Clock.fixed(NOW, ZoneOffset.UTC), 2);

		decoder.decode("token-a");
		decoder.decode("token-b");
		decoder.decode("token-c");
		decoder.decode("token-a");

		assertThat(this.validations).hasValue(4);
	}

	private static final class MovingClock extends Clock {

		Instant now;

		MovingClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
