package io.latchkey.authserver.throttle;

import java.time.Clock;
import java.time.Duration;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes throttle rows nobody has failed with for a day (longer than any rule
 * remembers). Safe on several nodes: it deletes only rows no rule reads any more.
 */
@Component
class ThrottlePurge {

	private static final Duration QUIET = Duration.ofDays(1);

	private final AttemptThrottle throttle;

	private final Clock clock;

	ThrottlePurge(AttemptThrottle throttle, Clock clock) {
		this.throttle = throttle;
		this.clock = clock;
	}

	@Scheduled(cron = "${latchkey.throttle.purge-cron:0 23 * * * *}")
	void purge() {
		this.throttle.purge(this.clock.instant().minus(QUIET));
	}

}
