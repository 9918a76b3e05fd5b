package io.latchkey.authserver.account;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
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
public record AccountProperties(@DefaultValue("false") boolean requireVerifiedEmail,
		@DefaultValue("24h") Duration verificationLinkLifetime, @DefaultValue("30m") Duration resetLinkLifetime,
		@DefaultValue("90d") Duration usernameReuseDelay, @DefaultValue Set<String> defaultRoles) {

	public AccountProperties {
		defaultRoles = Set.copyOf(defaultRoles);
	}

}
