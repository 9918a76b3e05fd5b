package io.latchkey.authserver.login;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.latchkey.authserver.crypto.Hashes;
import io.latchkey.authserver.key.KeyEncryptor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stored second factors of an account: the authenticator-app secret, encrypted at rest,
 * and one-time recovery codes, hashed. Using a code marks it used in the same statement
 * that checks it, so neither a TOTP code nor a recovery code works twice.
 */
@Component
class SecondFactors {

	static final int RECOVERY_CODES = 10;

	private static final char[] CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final KeyEncryptor encryptor;

	private final Clock clock;

	SecondFactors(JdbcClient jdbc, KeyEncryptor encryptor, Clock clock) {
		this.jdbc = jdbc;
		this.encryptor = encryptor;
		this.clock = clock;
	}

	boolean hasTotp(UUID accountId) {
		return this.jdbc.sql("select count(*) from totp_credential where account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Stores the account's authenticator secret and a fresh set of recovery codes;
	 * answers the codes, the only time they are readable.
	 */
	@Transactional
	List<String> enableTotp(UUID accountId, byte[] secret, long confirmedStep) {
		this.jdbc.sql("delete from totp_credential where account_id = ?").param(accountId).update();
		this.jdbc
			.sql("insert into totp_credential (account_id, secret_encrypted, last_used_step, created_at)"
					+ " values (?, ?, ?, ?)")
			.params(accountId, this.encryptor.encrypt(Base64.getEncoder().encodeToString(secret)), confirmedStep,
					Timestamp.from(this.clock.instant()))
			.update();
		return replaceRecoveryCodes(accountId);
	}

	@Transactional
	void disableTotp(UUID accountId) {
		this.jdbc.sql("delete from totp_credential where account_id = ?").param(accountId).update();
		this.jdbc.sql("delete from recovery_code where account_id = ?").param(accountId).update();
	}

	/**
	 * Whether the code is the account's current TOTP code, used now for the first time.
	 */
	boolean useTotpCode(UUID accountId, String code) {
		Optional<byte[]> secret = this.jdbc.sql("select secret_encrypted from totp_credential where account_id = ?")
			.param(accountId)
			.query(String.class)
			.optional()
			.map((encrypted) -> Base64.getDecoder().decode(this.encryptor.decrypt(encrypted)));
		if (secret.isEmpty()) {
			return false;
		}
		long step = Totp.matchingStep(secret.get(), code, this.clock.instant());
		if (step < 0) {
			return false;
		}
		// a code (or an older one) that was used already fails here, also on another node
		return this.jdbc
			.sql("update totp_credential set last_used_step = ? where account_id = ? and last_used_step < ?")
			.params(step, accountId, step)
			.update() == 1;
	}

	/** Whether the code is one of the account's unused recovery codes; uses it up. */
	boolean useRecoveryCode(UUID accountId, String code) {
		if (code == null || code.isBlank()) {
			return false;
		}
		return this.jdbc
			.sql("update recovery_code set used_at = ? where code_hash = ? and account_id = ? and used_at is null")
			.params(Timestamp.from(this.clock.instant()), Hashes.sha256Hex(normalize(code)), accountId)
			.update() == 1;
	}

	int unusedRecoveryCodes(UUID accountId) {
		return this.jdbc.sql("select count(*) from recovery_code where account_id = ? and used_at is null")
			.param(accountId)
			.query(Long.class)
			.single()
			.intValue();
	}

	@Transactional
	List<String> replaceRecoveryCodes(UUID accountId) {
		this.jdbc.sql("delete from recovery_code where account_id = ?").param(accountId).update();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			String code = newRecoveryCode();
			codes.add(code);
			this.jdbc.sql("insert into recovery_code (code_hash, account_id) values (?, ?)")
				.params(Hashes.sha256Hex(normalize(code)), accountId)
				.update();
		}
		return codes;
	}

	/**
	 * Twelve characters in three groups, from an alphabet without look-alikes: 58 bits.
	 */
	private static String newRecoveryCode() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			if (i > 0 && i % 4 == 0) {
				code.append('-');
			}
			code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
		}
		return code.toString();
	}

	private static String normalize(String code) {
		return code.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
	}

	Instant now() {
		return this.clock.instant();
	}

}
