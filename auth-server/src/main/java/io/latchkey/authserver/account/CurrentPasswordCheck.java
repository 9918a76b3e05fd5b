package io.latchkey.authserver.account;

import java.util.UUID;

import io.latchkey.authserver.throttle.AttemptThrottle;
import io.latchkey.authserver.throttle.ThrottleProperties;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Asks a signed-in person for their password again before a change that could lock them
 * out or let someone else in. Wrong answers count towards the same throttle as failed
 * sign-ins, so a stolen session cannot be used to guess the password.
 */
@Component
public class CurrentPasswordCheck {

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final AttemptThrottle throttle;

	private final ThrottleProperties throttleRules;

	CurrentPasswordCheck(UserAccountRepository accounts, PasswordEncoder passwordEncoder, AttemptThrottle throttle,
			ThrottleProperties throttleRules) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.throttle = throttle;
		this.throttleRules = throttleRules;
	}

	/** Whether the password is the account's, and the account may be asked now. */
	public boolean matches(UUID accountId, String password) {
		UserAccount account = this.accounts.findById(accountId).orElseThrow(AccountNotFoundException::new);
		return matches(account, password);
	}

	boolean matches(UserAccount account, String password) {
		String key = AttemptThrottle.signInKey(account.getId());
		if (this.throttle.isBlocked(key) || password == null
				|| !this.passwordEncoder.matches(password, account.getPasswordHash())) {
			this.throttle.count(key, this.throttleRules.signInAccount());
			return false;
		}
		return true;
	}

}
