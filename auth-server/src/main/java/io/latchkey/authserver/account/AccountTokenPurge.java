package io.latchkey.authserver.account;

import java.time.Duration;
import java.time.Instant;

import io.latchkey.authserver.housekeeping.Purge;

import org.springframework.stereotype.Component;

/**
 * Deletes e-mail links a day after they expired or were used. Safe on several nodes: the
 * delete is idempotent.
 */
@Component
class AccountTokenPurge implements Purge {

	private static final Duration KEEP = Duration.ofDays(1);

	private final AccountTokens tokens;

	AccountTokenPurge(AccountTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public String name() {
		return "used or expired e-mail links";
	}

	@Override
	public int purge(Instant now) {
		return this.tokens.purge(now.minus(KEEP));
	}

}
