package io.latchkey.authserver.account;

import java.time.Clock;
import java.time.Duration;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes e-mail links a day after they expired or were used. Safe on several nodes: the
 * delete is idempotent.
 */
@Component
class AccountTokenPurge {

	private static final Duration KEEP = Duration.ofDays(1);

	private final AccountTokens tokens;

	private final Clock clock;

	AccountTokenPurge(AccountTokens tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@Scheduled(cron = "${latchkey.accounts.purge-cron:0 29 * * * *}")
	void purge() {
		this.tokens.purge(this.clock.instant().minus(KEEP));
	}

}
