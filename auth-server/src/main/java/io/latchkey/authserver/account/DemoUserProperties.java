package io.latchkey.authserver.account;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A demo account created at start when it does not exist yet; left unset outside the
 * local demo.
 *
 * @param username its username; no demo account when empty
 * @param email its address, marked verified
 * @param password its password
 * @param displayName its display name
 * @param roles its roles
 */
@ConfigurationProperties("latchkey.demo-user")
record DemoUserProperties(String username, String email, String password, String displayName, Set<String> roles) {

	DemoUserProperties {
		roles = (roles != null) ? Set.copyOf(roles) : Set.of();
	}

}
