package io.latchkey.authserver.account;

import java.util.Optional;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proves that a person receives mail at their address: after registration, on request,
 * and before an address change takes effect.
 */
@Service
class EmailVerificationService {

	private final UserAccountRepository accounts;

	private final AccountTokens tokens;

	private final AccountNotices notices;

	private final AccountProperties properties;

	private final AuditLog audit;

	private final RequestLimits limits;

	EmailVerificationService(UserAccountRepository accounts, AccountTokens tokens, AccountNotices notices,
			AccountProperties properties, AuditLog audit, RequestLimits limits) {
		this.limits = limits;
		this.accounts = accounts;
		this.tokens = tokens;
		this.notices = notices;
		this.properties = properties;
		this.audit = audit;
	}

	/**
	 * Sends a new verification link to the account's address, unless that address had
	 * enough mail for now.
	 */
	@Transactional
	void sendVerificationLink(UserAccount account) {
		if (!this.limits.allowMailTo(account.getEmail())) {
			return;
		}
		String token = this.tokens.issue(account.getId(), AccountTokenPurpose.VERIFY_EMAIL, account.getEmail(),
				this.properties.verificationLinkLifetime());
		this.notices.sendVerificationLink(account, account.getEmail(), token);
		this.audit.record(AuditEventType.EMAIL_VERIFICATION_SENT, AuditOutcome.SUCCESS, account.getId(),
				account.getUsername());
	}

	/**
	 * Sends a new link if an unverified account has this address; does nothing otherwise,
	 * and the caller answers the same either way.
	 */
	@Transactional
	void resendVerificationLink(String email) {
		this.accounts.findByEmail(UserAccount.normalize(email))
			.filter((account) -> !account.isEmailVerified())
			.ifPresent(this::sendVerificationLink);
	}

	/** Sends a link to a new address; the address changes only when it is followed. */
	@Transactional
	void sendEmailChangeLink(UserAccount account, String newEmail) {
		String email = UserAccount.normalize(newEmail);
		if (!this.limits.allowMailTo(email)) {
			return;
		}
		String token = this.tokens.issue(account.getId(), AccountTokenPurpose.CHANGE_EMAIL, email,
				this.properties.verificationLinkLifetime());
		this.notices.sendEmailChangeLink(account, email, token);
		this.notices.sendEmailChangeNotice(account, account.getEmail(), email);
		this.audit.record(AuditEventType.EMAIL_CHANGE_REQUESTED, AuditOutcome.SUCCESS, account.getId(),
				account.getUsername(), email);
	}

	/** Follows a link from a verification or address-change message. */
	@Transactional
	Outcome verify(String token) {
		Optional<AccountTokens.Redeemed> verification = this.tokens.redeem(token, AccountTokenPurpose.VERIFY_EMAIL);
		if (verification.isPresent()) {
			return verifyAddress(verification.get());
		}
		Optional<AccountTokens.Redeemed> change = this.tokens.redeem(token, AccountTokenPurpose.CHANGE_EMAIL);
		if (change.isPresent()) {
			return changeAddress(change.get());
		}
		return Outcome.INVALID;
	}

	private Outcome verifyAddress(AccountTokens.Redeemed redeemed) {
		UserAccount account = this.accounts.findById(redeemed.accountId()).orElse(null);
		// the address changed since the link was sent: it proves nothing about the
		// current one
		if (account == null || !account.getEmail().equals(redeemed.email())) {
			return Outcome.INVALID;
		}
		account.markEmailVerified();
		this.audit.record(AuditEventType.EMAIL_VERIFIED, AuditOutcome.SUCCESS, account.getId(), account.getUsername());
		return Outcome.VERIFIED;
	}

	private Outcome changeAddress(AccountTokens.Redeemed redeemed) {
		UserAccount account = this.accounts.findById(redeemed.accountId()).orElse(null);
		if (account == null) {
			return Outcome.INVALID;
		}
		if (this.accounts.findByEmail(redeemed.email())
			.filter((other) -> !other.getId().equals(account.getId()))
			.isPresent()) {
			this.audit.record(AuditEventType.EMAIL_CHANGED, AuditOutcome.FAILURE, account.getId(),
					account.getUsername(), "address taken meanwhile");
			return Outcome.ADDRESS_TAKEN;
		}
		String oldEmail = account.getEmail();
		account.changeVerifiedEmail(redeemed.email());
		this.accounts.flush();
		this.audit.record(AuditEventType.EMAIL_CHANGED, AuditOutcome.SUCCESS, account.getId(), account.getUsername(),
				oldEmail + " -> " + redeemed.email());
		return Outcome.EMAIL_CHANGED;
	}

	enum Outcome {

		VERIFIED, EMAIL_CHANGED, ADDRESS_TAKEN, INVALID

	}

}
