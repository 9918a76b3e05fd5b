package io.latchkey.authserver.login;

import org.springframework.security.authentication.AccountStatusException;

/**
 * The password was right but the account must verify its address before signing in
 * ({@code latchkey.accounts.require-verified-email}).
 */
class EmailNotVerifiedException extends AccountStatusException {

	EmailNotVerifiedException() {
		super("The e-mail address of this account is not verified");
	}

}
