package io.latchkey.authserver.account;

import java.util.Optional;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets a person who forgot their password choose a new one through a link sent to their
 * address. The request is answered the same whether or not the address has an account.
 */
@Service
class PasswordResetService {

	private final UserAccountRepository accounts;

	private final AccountTokens tokens;

	private final AccountNotices notices;

	private final AccountProperties properties;

	private final PasswordPolicy policy;

	private final PasswordEncoder passwordEncoder;

	private final AccountSessions sessions;

	private final AuditLog audit;

	private final RequestLimits limits;

	PasswordResetService(UserAccountRepository accounts, AccountTokens tokens, AccountNotices notices,
			AccountProperties properties, PasswordPolicy policy, PasswordEncoder passwordEncoder,
			AccountSessions sessions, AuditLog audit, RequestLimits limits) {
		this.limits = limits;
		this.accounts = accounts;
		this.tokens = tokens;
		this.notices = notices;
		this.properties = properties;
		this.policy = policy;
		this.passwordEncoder = passwordEncoder;
		this.sessions = sessions;
		this.audit = audit;
	}

	/**
	 * Sends a reset link if an account has this address. Runs after the page answered
	 * (see {@link ResetRequestConfiguration}), so its work for a known address does not
	 * show in the answer's timing.
	 */
	@Transactional
	void requestReset(String email) {
		String address = UserAccount.normalize(email);
		Optional<UserAccount> account = this.accounts.findByEmail(address);
		if (account.isEmpty()) {
			this.audit.record(AuditEventType.PASSWORD_RESET_REQUESTED, AuditOutcome.FAILURE, null, address,
					"no account has this address");
			return;
		}
		UserAccount found = account.get();
		if (!this.limits.allowMailTo(found.getEmail())) {
			return;
		}
		sendResetLink(found);
		this.audit.record(AuditEventType.PASSWORD_RESET_REQUESTED, AuditOutcome.SUCCESS, found.getId(),
				found.getUsername());
	}

	/** Sends a new reset link to the account's address. */
	@Transactional
	void sendResetLink(UserAccount account) {
		String token = this.tokens.issue(account.getId(), AccountTokenPurpose.RESET_PASSWORD, account.getEmail(),
				this.properties.resetLinkLifetime());
		this.notices.sendPasswordResetLink(account, token);
	}

	/** The account a reset link is for, if the link still works. */
	Optional<UserAccount> accountForLink(String token) {
		return this.tokens.check(token, AccountTokenPurpose.RESET_PASSWORD)
			.flatMap((redeemed) -> this.accounts.findById(redeemed.accountId()));
	}

	/**
	 * Sets the new password if it keeps the policy and the link works (using the link);
	 * answers the message key of what stopped it, or null when the password changed.
	 */
	@Transactional
	ResetResult resetPassword(String token, String newPassword) {
		Optional<UserAccount> target = accountForLink(token);
		if (target.isEmpty()) {
			return ResetResult.LINK_INVALID;
		}
		UserAccount account = target.get();
		String violation = this.policy.violation(newPassword, account.getUsername(), account.getEmail());
		if (violation != null) {
			return ResetResult.violation(violation);
		}
		Optional<AccountTokens.Redeemed> redeemed = this.tokens.redeem(token, AccountTokenPurpose.RESET_PASSWORD);
		if (redeemed.isEmpty()) {
			return ResetResult.LINK_INVALID;
		}
		account.changePasswordHash(this.passwordEncoder.encode(newPassword));
		// following the link proved they read mail at this address
		if (account.getEmail().equals(redeemed.get().email()) && !account.isEmailVerified()) {
			account.markEmailVerified();
		}
		this.sessions.endAll(account.getId());
		this.notices.sendPasswordChangedNotice(account);
		this.audit.record(AuditEventType.PASSWORD_RESET, AuditOutcome.SUCCESS, account.getId(), account.getUsername());
		return ResetResult.DONE;
	}

	/**
	 * How a reset attempt ended.
	 *
	 * @param messageKey null when the password changed, else what to tell the person
	 */
	record ResetResult(String messageKey) {

		static final ResetResult DONE = new ResetResult(null);

		static final ResetResult LINK_INVALID = new ResetResult("reset.link-invalid");

		static ResetResult violation(String messageKey) {
			return new ResetResult(messageKey);
		}

		boolean done() {
			return this.messageKey == null;
		}

	}

}
