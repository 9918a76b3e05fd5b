package io.latchkey.authserver.login;

import java.time.Clock;

import io.latchkey.authserver.account.AccountNotices;
import io.latchkey.authserver.account.AccountProperties;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.throttle.AttemptThrottle;
import io.latchkey.authserver.throttle.ThrottleProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
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
	SignInAuthenticationProvider signInAuthenticationProvider(UserDetailsPasswordService passwordUpgrades,
			PasswordEncoder passwordEncoder, UserAccountRepository accountRepository, AttemptThrottle throttle,
			ThrottleProperties throttleRules, AccountNotices notices, AuditLog audit,
			AccountProperties accountProperties, SignInMeters meters) {
		return new SignInAuthenticationProvider(passwordEncoder, passwordUpgrades, accountRepository, throttle,
				throttleRules, notices, audit, meters, accountProperties.requireVerifiedEmail());
	}

	@Bean
	TwoStepSignInHandler twoStepSignInHandler(SecondFactors secondFactors, AuditLog audit, SignInMeters meters,
			Clock clock) {
		// the same places Spring Security's form login saves the context in by default
		SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
				new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
		return new TwoStepSignInHandler(secondFactors, contexts, audit, meters, clock);
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

}
