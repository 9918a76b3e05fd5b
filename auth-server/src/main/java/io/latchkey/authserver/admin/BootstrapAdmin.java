package io.latchkey.authserver.admin;

import java.util.Set;

import io.latchkey.authserver.account.PasswordPolicy;
import io.latchkey.authserver.account.RegistrationService;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.housekeeping.StartupData;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the first administrator from {@code latchkey.bootstrap-admin} when no account
 * has the admin role yet, and only then: once an administrator exists, the setting is
 * ignored and can be removed.
 */
@Component
@Order(2)
class BootstrapAdmin implements StartupData {

	static final String ADMIN = "admin";

	static final String DEVELOPER = "developer";

	private static final Log logger = LogFactory.getLog(BootstrapAdmin.class);

	private final BootstrapAdminProperties properties;

	private final UserAccountRepository accounts;

	private final RegistrationService registrations;

	private final PasswordPolicy policy;

	BootstrapAdmin(BootstrapAdminProperties properties, UserAccountRepository accounts,
			RegistrationService registrations, PasswordPolicy policy) {
		this.properties = properties;
		this.accounts = accounts;
		this.registrations = registrations;
		this.policy = policy;
	}

	@Override
	public void ensure() {
		if (!StringUtils.hasText(this.properties.username()) || this.accounts.existsByRole(ADMIN)) {
			return;
		}
		if (!StringUtils.hasText(this.properties.password()) || !StringUtils.hasText(this.properties.email())) {
			logger.warn("latchkey.bootstrap-admin names " + this.properties.username()
					+ " but has no email or password (LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD): no administrator created");
			return;
		}
		String violation = this.policy.violation(this.properties.password(), this.properties.username(),
				this.properties.email());
		if (violation != null) {
			throw new IllegalStateException("latchkey.bootstrap-admin.password breaks the password policy (" + violation
					+ "); choose a long passphrase");
		}
		if (this.accounts.existsByUsername(this.properties.username().trim().toLowerCase())) {
			throw new IllegalStateException("latchkey.bootstrap-admin: an account named " + this.properties.username()
					+ " exists but is no administrator; choose another username");
		}
		try {
			this.registrations.createAccount(this.properties.username(), this.properties.email(),
					this.properties.password(), null, true, Set.of(ADMIN, DEVELOPER));
			logger.warn("Created the first administrator '" + this.properties.username()
					+ "' from latchkey.bootstrap-admin; change its password and remove the setting");
		}
		catch (DataIntegrityViolationException ex) {
			logger.info("The first administrator was created by another node");
		}
	}

}
