package io.latchkey.authserver.throttle;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How attempts with one key are slowed down: the first few are free, then each must wait
 * twice as long as the one before, and after many the key is locked for a while. Failures
 * are forgotten after a quiet spell.
 *
 * @param freeAttempts attempts in a row after which no wait is set; the next one sets the
 * first delay, so {@code freeAttempts + 1} attempts go through back to back
 * @param firstDelay the wait after the first attempt beyond the free ones
 * @param maximumDelay the longest wait before the lock
 * @param lockAfter attempts after which the key is locked (0 for never)
 * @param lockDuration how long a lock lasts
 * @param forgetAfter quiet time after which the count starts again
 * <p>
 * Set every field when configuring a rule.
 */
public record ThrottleRule(@Min(0) int freeAttempts, @NotNull Duration firstDelay, @NotNull Duration maximumDelay,
		@Min(0) int lockAfter, @NotNull Duration lockDuration, @NotNull Duration forgetAfter) {

	/** The wait after this many attempts in a row, or zero. */
	Duration delayAfter(int attempts) {
		if (this.lockAfter > 0 && attempts >= this.lockAfter) {
			return this.lockDuration;
		}
		if (attempts <= this.freeAttempts) {
			return Duration.ZERO;
		}
		int doublings = Math.min(attempts - this.freeAttempts - 1, 30);
		Duration delay = this.firstDelay.multipliedBy(1L << doublings);
		return (delay.compareTo(this.maximumDelay) > 0) ? this.maximumDelay : delay;
	}

	boolean locksAt(int attempts) {
		return this.lockAfter > 0 && attempts >= this.lockAfter;
	}

}
