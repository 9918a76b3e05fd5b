package io.latchkey.authserver.account;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Usernames of deleted accounts, kept out of reach for a while
 * ({@code latchkey.accounts.username-reuse-delay}) so that nobody takes over a name that
 * people and applications still associate with someone else.
 */
@Component
class RetiredUsernames {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AccountProperties properties;

	RetiredUsernames(JdbcClient jdbc, Clock clock, AccountProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	void retire(String username) {
		this.jdbc.sql("delete from retired_username where username = ?").param(username).update();
		this.jdbc.sql("insert into retired_username (username, reusable_after) values (?, ?)")
			.params(username, Timestamp.from(this.clock.instant().plus(this.properties.usernameReuseDelay())))
			.update();
	}

	boolean isRetired(String username) {
		return this.jdbc.sql("select count(*) from retired_username where username = ? and reusable_after > ?")
			.params(UserAccount.normalize(username), Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single() > 0;
	}

}
