package io.latchkey.authserver.throttle;

import java.time.Duration;
import java.time.Instant;

import io.latchkey.authserver.housekeeping.Purge;

import org.springframework.stereotype.Component;

/**
 * Deletes throttle rows nobody has failed with for a day (longer than any rule
 * remembers). Safe on several nodes: it deletes only rows no rule reads any more.
 */
@Component
class ThrottlePurge implements Purge {

	private static final Duration QUIET = Duration.ofDays(1);

	private final AttemptThrottle throttle;

	ThrottlePurge(AttemptThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	public String name() {
		return "quiet throttle counters";
	}

	@Override
	public int purge(Instant now) {
		return this.throttle.purge(now.minus(QUIET));
	}

}
