package io.latchkey.authserver.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
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

	/**
	 * The account as it signs in, loaded with its roles: everyone is a user, and their
	 * roles become authorities ({@code developer} is ROLE_DEVELOPER). A locked account is
	 * refused here, not only by the password check's status checks: passkey sign-in (the
	 * library's WebAuthn provider) makes none.
	 */
	public static AccountUserDetails forSignIn(UserAccount account) {
		if (!account.isEnabled()) {
			throw new DisabledException("The account is locked");
		}
		return of(account);
	}

	/**
	 * The account as the password check sees it: a locked one is disabled, and the
	 * check's own status checks refuse it with {@code DisabledException}. Thrown while
	 * the account is loaded instead, the exception would reach the sign-in filter wrapped
	 * as an internal error and be logged as one.
	 */
	public static AccountUserDetails forPasswordCheck(UserAccount account) {
		return of(account);
	}

	static AccountUserDetails of(UserAccount account) {
		List<GrantedAuthority> authorities = new ArrayList<>(AuthorityUtils.createAuthorityList("ROLE_USER"));
		account.getRoles()
			.forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT))));
		return new AccountUserDetails(account, authorities);
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
