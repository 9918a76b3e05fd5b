package io.latchkey.authserver.account;

import java.util.Set;
import java.util.UUID;

/**
 * An account as the admin console lists it, read while its roles can be loaded.
 *
 * @param id the account id
 * @param username its username
 * @param email its address
 * @param roles its roles
 * @param enabled whether it may sign in
 */
public record AccountSummary(UUID id, String username, String email, Set<String> roles, boolean enabled) {

	static AccountSummary of(UserAccount account) {
		return new AccountSummary(account.getId(), account.getUsername(), account.getEmail(), account.getRoles(),
				account.isEnabled());
	}

}
