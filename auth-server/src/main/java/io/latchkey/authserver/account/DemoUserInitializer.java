package io.latchkey.authserver.account;

import io.latchkey.authserver.housekeeping.StartupData;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/** Creates the demo account of the local demo, once. */
@Component
@Order(3)
class DemoUserInitializer implements StartupData {

	private static final Log logger = LogFactory.getLog(DemoUserInitializer.class);

	private final DemoUserProperties demoUser;

	private final UserAccountRepository accounts;

	private final RegistrationService registrationService;

	DemoUserInitializer(DemoUserProperties demoUser, UserAccountRepository accounts,
			RegistrationService registrationService) {
		this.demoUser = demoUser;
		this.accounts = accounts;
		this.registrationService = registrationService;
	}

	@Override
	public void ensure() {
		if (!StringUtils.hasText(this.demoUser.username())
				|| this.accounts.existsByUsername(UserAccount.normalize(this.demoUser.username()))) {
			return;
		}
		if (!StringUtils.hasText(this.demoUser.password()) || !StringUtils.hasText(this.demoUser.email())) {
			throw new IllegalStateException("latchkey.demo-user needs an email and a password");
		}
		try {
			this.registrationService.createAccount(this.demoUser.username(), this.demoUser.email(),
					this.demoUser.password(), this.demoUser.displayName(), true, this.demoUser.roles());
			logger.warn("Created the demo account '" + this.demoUser.username()
					+ "' (latchkey.demo-user): remove that setting outside a local demo");
		}
		catch (DataIntegrityViolationException ex) {
			logger.info("The demo account was created by another node");
		}
	}

}
