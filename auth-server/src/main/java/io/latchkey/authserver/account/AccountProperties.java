package io.latchkey.authserver.account;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Rules for accounts.
 *
 * @param requireVerifiedEmail whether an account must verify its address before it can
 * sign in
 * @param verificationLinkLifetime how long an address verification link works
 * @param resetLinkLifetime how long a password reset link works
 * @param usernameReuseDelay how long the username of a deleted account stays retired
 * @param defaultRoles the roles every new account gets (none by default)
 */
@Validated
@ConfigurationProperties("latchkey.accounts")
public record AccountProperties(Boolean requireVerifiedEmail, Duration verificationLinkLifetime,
		Duration resetLinkLifetime, Duration usernameReuseDelay, Set<String> defaultRoles) {

	public AccountProperties {
		requireVerifiedEmail = (requireVerifiedEmail != null) ? requireVerifiedEmail : false;
		verificationLinkLifetime = (verificationLinkLifetime != null) ? verificationLinkLifetime : Duration.ofHours(24);
		resetLinkLifetime = (resetLinkLifetime != null) ? resetLinkLifetime : Duration.ofMinutes(30);
		usernameReuseDelay = (usernameReuseDelay != null) ? usernameReuseDelay : Duration.ofDays(90);
		defaultRoles = (defaultRoles != null) ? Set.copyOf(defaultRoles) : Set.of();
	}

}
