package io.latchkey.authserver.account;

import java.time.ZoneId;
import java.util.UUID;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * What a signed-in person changes about their own account. Changes that could lock the
 * owner out (address, password, deletion) need the current password
 * ({@link CurrentPasswordCheck}).
 */
@Service
class ProfileService {

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy policy;

	private final EmailVerificationService verification;

	private final AccountSessions sessions;

	private final AccountNotices notices;

	private final CurrentPasswordCheck currentPassword;

	private final AuditLog audit;

	private final AccountDeletion deletion;

	ProfileService(UserAccountRepository accounts, PasswordEncoder passwordEncoder, PasswordPolicy policy,
			EmailVerificationService verification, AccountSessions sessions, AccountNotices notices,
			CurrentPasswordCheck currentPassword, AuditLog audit, AccountDeletion deletion) {
		this.deletion = deletion;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.policy = policy;
		this.verification = verification;
		this.sessions = sessions;
		this.notices = notices;
		this.currentPassword = currentPassword;
		this.audit = audit;
	}

	UserAccount account(UUID accountId) {
		return this.accounts.findById(accountId).orElseThrow(AccountNotFoundException::new);
	}

	@Transactional
	void updateDetails(UUID accountId, ProfileForms.Details details, Errors errors) {
		if (details.zoneinfo() != null && !details.zoneinfo().isBlank()
				&& !ZoneId.getAvailableZoneIds().contains(details.zoneinfo().trim())) {
			errors.rejectValue("zoneinfo", "profile.zoneinfo.invalid");
			return;
		}
		UserAccount account = account(accountId);
		account.updateProfile(details.displayName(), details.givenName(), details.familyName(), details.locale(),
				details.zoneinfo());
		this.audit.record(AuditEventType.PROFILE_UPDATED, AuditOutcome.SUCCESS, account.getId(), account.getUsername());
	}

	@Transactional
	void requestEmailChange(UUID accountId, ProfileForms.EmailChange change, Errors errors) {
		UserAccount account = account(accountId);
		if (!checkCurrentPassword(account, change.currentPassword(), errors)) {
			return;
		}
		String newEmail = UserAccount.normalize(change.newEmail());
		if (newEmail.equals(account.getEmail())) {
			errors.rejectValue("newEmail", "profile.email.same");
			return;
		}
		if (this.accounts.existsByEmail(newEmail)) {
			errors.rejectValue("newEmail", "registration.email.taken");
			return;
		}
		this.verification.sendEmailChangeLink(account, newEmail);
	}

	/**
	 * Changes the password and signs out every other browser session of the account; the
	 * one that made the change stays signed in.
	 */
	@Transactional
	void changePassword(UUID accountId, ProfileForms.PasswordChange change, String currentSessionId, Errors errors) {
		UserAccount account = account(accountId);
		if (!checkCurrentPassword(account, change.currentPassword(), errors)) {
			return;
		}
		String violation = this.policy.violation(change.newPassword(), account.getUsername(), account.getEmail());
		if (violation != null) {
			errors.rejectValue("newPassword", violation, new Object[] { this.policy.minimumLength() }, null);
			return;
		}
		if (!change.newPassword().equals(change.confirmPassword())) {
			errors.rejectValue("confirmPassword", "registration.password.mismatch");
			return;
		}
		account.changePasswordHash(this.passwordEncoder.encode(change.newPassword()));
		this.sessions.endOthers(account.getId(), currentSessionId);
		this.notices.sendPasswordChangedNotice(account);
		this.audit.record(AuditEventType.PASSWORD_CHANGED, AuditOutcome.SUCCESS, account.getId(),
				account.getUsername());
	}

	/** Deletes the account ({@link AccountDeletion}) once the password is confirmed. */
	@Transactional
	void deleteAccount(UUID accountId, ProfileForms.Deletion deletion, Errors errors) {
		UserAccount account = account(accountId);
		if (!checkCurrentPassword(account, deletion.currentPassword(), errors)) {
			return;
		}
		this.deletion.delete(account, "by the owner");
	}

	private boolean checkCurrentPassword(UserAccount account, String password, Errors errors) {
		if (!this.currentPassword.matches(account, password)) {
			errors.rejectValue("currentPassword", "profile.current-password.wrong");
			return false;
		}
		return true;
	}

}
