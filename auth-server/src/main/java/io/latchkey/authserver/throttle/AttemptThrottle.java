package io.latchkey.authserver.throttle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.latchkey.authserver.crypto.Hashes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts attempts per key in the shared database and says when the next one may come.
 * Concurrent attempts on several nodes are each counted, and counts are committed on
 * their own: a failed sign-in must stay counted even though the request that made it
 * fails.
 */
@Component
public class AttemptThrottle {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate ownTransaction;

	AttemptThrottle(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The key failed sign-ins (and wrong current passwords) of an account count under.
	 */
	public static String signInKey(UUID accountId) {
		return "sign-in:account:" + accountId;
	}

	/** The key wrong second-factor codes of an account count under. */
	/** Longer keys are stored hashed; the column holds 300 characters. */
	static final int MAX_PLAIN_KEY = 200;

	public static String secondFactorKey(UUID accountId) {
		return "second-factor:account:" + accountId;
	}

	/** Whether an attempt with this key must wait now. */
	public boolean isBlocked(String key) {
		return check(key, key).blocked();
	}

	/**
	 * Whether an attempt with either key must wait now, and whether the first has
	 * failures on record (so that a success has something to {@link #clear}), in one
	 * query.
	 */
	public Check check(String key, String otherKey) {
		String first = stored(key);
		Timestamp now = Timestamp.from(this.clock.instant());
		boolean[] found = new boolean[2];
		this.jdbc.sql("select throttle_key, blocked_until > ? from attempt_throttle where throttle_key in (?, ?)")
			.params(now, first, stored(otherKey))
			.query((row) -> {
				found[0] |= first.equals(row.getString(1));
				found[1] |= row.getBoolean(2);
			});
		return new Check(found[1], found[0]);
	}

	/**
	 * Counts an attempt (a failed sign-in, or a request of a rate-limited kind) and sets
	 * the wait before the next one, in a transaction of its own whoever calls: the count
	 * stays when the caller's work fails or rolls back. The count is one update of the
	 * key's row, so attempts counted at the same moment on any node are each counted, and
	 * the row stays locked until the wait it implies is set.
	 * @return the count, and whether this attempt started a lock
	 */
	public Counted count(String anyKey, ThrottleRule rule) {
		String key = stored(anyKey);
		return this.ownTransaction.execute((status) -> {
			Instant now = this.clock.instant();
			this.jdbc
				.sql("insert into attempt_throttle (throttle_key, failures, last_failure_at) values (?, 0, ?)"
						+ " on conflict do nothing")
				.params(key, Timestamp.from(now))
				.update();
			this.jdbc.sql(
					"update attempt_throttle set failures = case when last_failure_at < ? then 1 else failures + 1 end,"
							+ " last_failure_at = ? where throttle_key = ?")
				.params(Timestamp.from(now.minus(rule.forgetAfter())), Timestamp.from(now), key)
				.update();
			// the row is ours until commit: this is the count just made
			int attempts = this.jdbc.sql("select failures from attempt_throttle where throttle_key = ?")
				.param(key)
				.query(Integer.class)
				.single();
			Duration delay = rule.delayAfter(attempts);
			this.jdbc.sql("update attempt_throttle set blocked_until = ? where throttle_key = ?")
				.params(delay.isZero() ? null : Timestamp.from(now.plus(delay)), key)
				.update();
			return new Counted(attempts, rule.locksAt(attempts));
		});
	}

	/**
	 * Counts a rate-limited request unless the key must wait; answers whether it may go
	 * ahead.
	 */
	public boolean tryAcquire(String key, ThrottleRule rule) {
		if (isBlocked(key)) {
			return false;
		}
		count(key, rule);
		return true;
	}

	/** Forgets the key's failures (after a successful sign-in, or an unlock). */
	public void clear(String key) {
		this.jdbc.sql("delete from attempt_throttle where throttle_key = ?").param(stored(key)).update();
	}

	/**
	 * The key as stored: as it is when it fits the column and is plain text, else its
	 * SHA-256 (a typed name may be of any length and hold any character, NUL included,
	 * which PostgreSQL refuses in text).
	 */
	static String stored(String key) {
		if (key.length() <= MAX_PLAIN_KEY && key.indexOf('\0') < 0) {
			return key;
		}
		return "sha256:" + Hashes.sha256Hex(key);
	}

	/** Deletes rows without a failure since the given time and not blocked beyond it. */
	int purge(Instant quietSince) {
		Timestamp before = Timestamp.from(quietSince);
		return this.jdbc
			.sql("delete from attempt_throttle where last_failure_at < ?"
					+ " and (blocked_until is null or blocked_until < ?)")
			.params(before, before)
			.update();
	}

	/**
	 * What {@link #check} found.
	 *
	 * @param blocked whether an attempt must wait now
	 * @param counted whether the first key has failures on record
	 */
	public record Check(boolean blocked, boolean counted) {

	}

	/**
	 * The result of counting.
	 *
	 * @param attempts attempts in a row with the key, this one included
	 * @param locked whether the key is now locked
	 */
	public record Counted(int attempts, boolean locked) {

	}

}
