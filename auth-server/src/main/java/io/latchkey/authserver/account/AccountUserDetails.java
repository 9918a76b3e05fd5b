package io.latchkey.authserver.account;

import java.util.Collection;
import java.util.UUID;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * An account as the sign-in form sees it. Its username is the account id (the subject of
 * tokens); it also says who the person is and whether their address is verified, so
 * sign-in needs no second query. It lives only during sign-in: what is stored in the
 * session and in authorizations is a plain {@link User}, which Spring Security's Jackson
 * modules allow.
 */
public class AccountUserDetails extends User {

	private final String accountUsername;

	private final boolean emailVerified;

	AccountUserDetails(UserAccount account, Collection<? extends GrantedAuthority> authorities) {
		super(account.getId().toString(), account.getPasswordHash(), account.isEnabled(), true, true, true,
				authorities);
		this.accountUsername = account.getUsername();
		this.emailVerified = account.isEmailVerified();
	}

	public UUID getAccountId() {
		return UUID.fromString(getUsername());
	}

	/** The name the person signs in with (the username of the account, not its id). */
	public String getAccountUsername() {
		return this.accountUsername;
	}

	public boolean isEmailVerified() {
		return this.emailVerified;
	}

	/** This principal without the account details, for storing. */
	public User toStoredPrincipal() {
		return new User(getUsername(), "", isEnabled(), true, true, true, getAuthorities());
	}

}
