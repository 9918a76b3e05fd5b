package io.latchkey.authserver.login;

import io.latchkey.authserver.account.AccountNotices;
import io.latchkey.authserver.account.AccountProperties;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.audit.AuditLog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

	@Bean
	SignInAuthenticationProvider signInAuthenticationProvider(UserDetailsService accounts,
			UserDetailsPasswordService passwordUpgrades, PasswordEncoder passwordEncoder,
			UserAccountRepository accountRepository, AttemptThrottle throttle, ThrottleProperties throttleRules,
			AccountNotices notices, AuditLog audit, AccountProperties accountProperties) {
		DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(accounts);
		passwordCheck.setPasswordEncoder(passwordEncoder);
		passwordCheck.setUserDetailsPasswordService(passwordUpgrades);
		return new SignInAuthenticationProvider(passwordCheck, accountRepository, throttle, throttleRules, notices,
				audit, accountProperties.requireVerifiedEmail());
	}

}
