package io.latchkey.authserver.login;

import java.time.Clock;
import java.util.UUID;

import io.latchkey.authserver.account.AccountNotices;
import io.latchkey.authserver.account.AccountProperties;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.throttle.AttemptThrottle;
import io.latchkey.authserver.throttle.ThrottleProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

	@Bean
	SignInAuthenticationProvider signInAuthenticationProvider(UserDetailsService accounts,
			UserDetailsPasswordService passwordUpgrades, PasswordEncoder passwordEncoder,
			UserAccountRepository accountRepository, AttemptThrottle throttle, ThrottleProperties throttleRules,
			AccountNotices notices, AuditLog audit, AccountProperties accountProperties) {
		// the form takes usernames and addresses; account ids are for passkey sign-in
		// only, so that every name typed into the form meets the same throttle
		UserDetailsService formNames = (name) -> {
			if (isAccountId(name)) {
				throw new UsernameNotFoundException("No such account");
			}
			return accounts.loadUserByUsername(name);
		};
		DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(formNames);
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

	@Bean
	PublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcOperations jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
	}

	@Bean
	UserCredentialRepository passkeyCredentials(JdbcOperations jdbc,
			PublicKeyCredentialUserEntityRepository passkeyUserEntities, AuditLog audit) {
		return new AuditedUserCredentialRepository(new JdbcUserCredentialRepository(jdbc), passkeyUserEntities, audit);
	}

	private static boolean isAccountId(String name) {
		try {
			return name != null && name.length() == 36 && UUID.fromString(name) != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
