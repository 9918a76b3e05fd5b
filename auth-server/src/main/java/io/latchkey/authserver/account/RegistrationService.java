package io.latchkey.authserver.account;

import java.util.Set;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * Creates accounts. Checks that need the database or settings (a taken username or
 * address, the password policy) report into the form's errors, field by field.
 */
@Service
public class RegistrationService {

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final EmailVerificationService verification;

	private final AuditLog audit;

	private final RetiredUsernames retiredUsernames;

	private final AccountProperties properties;

	private final Counter registrations;

	RegistrationService(UserAccountRepository accounts, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
			EmailVerificationService verification, AuditLog audit, RetiredUsernames retiredUsernames,
			AccountProperties properties, MeterRegistry meters) {
		this.registrations = Counter.builder("latchkey.registrations")
			.description("Accounts created on the registration page")
			.register(meters);
		this.properties = properties;
		this.retiredUsernames = retiredUsernames;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.verification = verification;
		this.audit = audit;
	}

	int minimumPasswordLength() {
		return this.passwordPolicy.minimumLength();
	}

	/**
	 * Registers the account unless the form has errors; returns it, or null when it had
	 * errors.
	 */
	@Transactional
	UserAccount register(RegistrationForm form, Errors errors) {
		checkPassword(form, errors);
		if (!errors.hasFieldErrors("username")
				&& (this.accounts.existsByUsername(UserAccount.normalize(form.getUsername()))
						|| this.retiredUsernames.isRetired(form.getUsername()))) {
			errors.rejectValue("username", "registration.username.taken");
		}
		if (!errors.hasFieldErrors("email") && this.accounts.existsByEmail(UserAccount.normalize(form.getEmail()))) {
			errors.rejectValue("email", "registration.email.taken");
		}
		if (errors.hasErrors()) {
			return null;
		}
		UserAccount account;
		try {
			UserAccount created = new UserAccount(form.getUsername(), form.getEmail(),
					this.passwordEncoder.encode(form.getPassword()), null);
			created.replaceRoles(this.properties.defaultRoles());
			account = this.accounts.saveAndFlush(created);
		}
		catch (DataIntegrityViolationException ex) {
			// registered by someone else between the check and the insert
			errors.reject("registration.taken");
			return null;
		}
		this.audit.record(AuditEventType.REGISTERED, AuditOutcome.SUCCESS, account.getId(), account.getUsername());
		this.registrations.increment();
		this.verification.sendVerificationLink(account);
		return account;
	}

	/**
	 * Creates an account from trusted input (demo data, administration), skipping the
	 * form.
	 */
	@Transactional
	public UserAccount createAccount(String username, String email, String password, String displayName,
			boolean emailVerified, Set<String> roles) {
		UserAccount account = new UserAccount(username, email, this.passwordEncoder.encode(password), displayName);
		account.replaceRoles(roles);
		if (emailVerified) {
			account.markEmailVerified();
		}
		return this.accounts.save(account);
	}

	private void checkPassword(RegistrationForm form, Errors errors) {
		if (errors.hasFieldErrors("password")) {
			return;
		}
		String violation = this.passwordPolicy.violation(form.getPassword(), form.getUsername(), form.getEmail());
		if (violation != null) {
			errors.rejectValue("password", violation, new Object[] { this.passwordPolicy.minimumLength() }, null);
		}
		else if (!form.getPassword().equals(form.getConfirmPassword())) {
			errors.rejectValue("confirmPassword", "registration.password.mismatch");
		}
	}

}
