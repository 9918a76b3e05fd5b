package io.latchkey.authserver.account;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds a person by username or e-mail address for the sign-in form. The principal's name
 * is the account id, so that the subject of every token stays the same when a username or
 * address changes.
 */
@Service
class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final UserAccountRepository accounts;

	AccountUserDetailsService(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String usernameOrEmail) {
		return AccountUserDetails.forSignIn(
				findAccount(usernameOrEmail).orElseThrow(() -> new UsernameNotFoundException("No such account")));
	}

	/**
	 * A username or address from the sign-in form, or an account id: passkey sign-in
	 * looks the person up by the principal name, which is the id. Ids are longer than any
	 * username may be, so the two never collide.
	 */
	private Optional<UserAccount> findAccount(String name) {
		if (name != null && name.length() == 36) {
			try {
				return this.accounts.findWithRolesAndGroupsById(UUID.fromString(name));
			}
			catch (IllegalArgumentException ex) {
				// not an id after all
			}
		}
		// the roles become authorities: loaded with the account, not one query each
		return this.accounts.findWithRolesAndGroupsByUsernameOrEmail(name);
	}

	/**
	 * Stores a re-hashed password after sign-in when the hash uses an outdated algorithm
	 * or cost.
	 */
	@Override
	@Transactional
	public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
		UserAccount account = this.accounts.findById(UUID.fromString(user.getUsername()))
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
		account.changePasswordHash(newPasswordHash);
		return AccountUserDetails.of(account);
	}

}
