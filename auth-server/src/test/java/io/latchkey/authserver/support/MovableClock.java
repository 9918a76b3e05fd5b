package io.latchkey.authserver.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock, moved forward on demand so that tests can let links expire and locks
 * end without waiting. Tests that move it put it back afterwards ({@link #reset()}),
 * since test classes share a context.
 */
public class MovableClock extends Clock {

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	public void advance(Duration duration) {
		this.offset.accumulateAndGet(duration, Duration::plus);
	}

	public void reset() {
		this.offset.set(Duration.ZERO);
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("always UTC");
	}

}
