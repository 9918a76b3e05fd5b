package io.latchkey.authserver.login;

import java.time.Clock;

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
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

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

	@Bean
	TwoStepSignInHandler twoStepSignInHandler(SecondFactors secondFactors, AuditLog audit, Clock clock) {
		// the same places Spring Security's form login saves the context in by default
		SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
				new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
		return new TwoStepSignInHandler(secondFactors, contexts, audit, clock);
	}

}
