package io.latchkey.authserver.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.latchkey.authserver.crypto.Hashes;
import io.latchkey.authserver.crypto.RandomTokens;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single-use, expiring tokens for the links we send by e-mail. A token carries 256 random
 * bits; only its SHA-256 is stored, so a copy of the database cannot follow a link.
 * Redeeming marks the token used in the same statement that checks it, so two clicks
 * never both succeed.
 */
@Component
class AccountTokens {

	private final JdbcClient jdbc;

	private final Clock clock;

	AccountTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Issues a token for the account and purpose, replacing any earlier unused one: only
	 * the newest link works.
	 */
	@Transactional
	String issue(UUID accountId, AccountTokenPurpose purpose, String email, Duration lifetime) {
		Instant now = this.clock.instant();
		this.jdbc.sql("update account_token set used_at = ? where account_id = ? and purpose = ? and used_at is null")
			.params(Timestamp.from(now), accountId, purpose.name())
			.update();
		String token = RandomTokens.urlSafe();
		this.jdbc
			.sql("insert into account_token (token_hash, account_id, purpose, email, created_at, expires_at)"
					+ " values (?, ?, ?, ?, ?, ?)")
			.params(Hashes.sha256Hex(token), accountId, purpose.name(), email, Timestamp.from(now),
					Timestamp.from(now.plus(lifetime)))
			.update();
		return token;
	}

	/** The token's account and address if the token is valid now, without using it. */
	Optional<Redeemed> check(String token, AccountTokenPurpose purpose) {
		if (token == null || token.isEmpty()) {
			return Optional.empty();
		}
		return this.jdbc
			.sql("select account_id, email from account_token"
					+ " where token_hash = ? and purpose = ? and used_at is null and expires_at > ?")
			.params(Hashes.sha256Hex(token), purpose.name(), Timestamp.from(this.clock.instant()))
			.query((rs, row) -> new Redeemed(rs.getObject("account_id", UUID.class), rs.getString("email")))
			.optional();
	}

	/** Uses the token: answers its account and address once, and never again. */
	@Transactional
	Optional<Redeemed> redeem(String token, AccountTokenPurpose purpose) {
		Optional<Redeemed> valid = check(token, purpose);
		if (valid.isEmpty()) {
			return valid;
		}
		Instant now = this.clock.instant();
		int used = this.jdbc
			.sql("update account_token set used_at = ?"
					+ " where token_hash = ? and purpose = ? and used_at is null and expires_at > ?")
			.params(Timestamp.from(now), Hashes.sha256Hex(token), purpose.name(), Timestamp.from(now))
			.update();
		return (used == 1) ? valid : Optional.empty();
	}

	/** Deletes tokens that expired or were used before the given time. */
	int purge(Instant before) {
		return this.jdbc.sql("delete from account_token where expires_at < ? or used_at < ?")
			.params(Timestamp.from(before), Timestamp.from(before))
			.update();
	}

	/**
	 * What a valid token names.
	 *
	 * @param accountId the account it was issued for
	 * @param email the address it was sent to
	 */
	record Redeemed(UUID accountId, String email) {

	}

}
