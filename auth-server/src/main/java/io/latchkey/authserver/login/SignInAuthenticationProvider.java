package io.latchkey.authserver.login;

import io.latchkey.authserver.account.AccountUserDetails;
import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Checks the sign-in form. The password check itself is Spring Security's
 * {@code DaoAuthenticationProvider} (constant work for unknown names, re-hashing outdated
 * hashes); around it this records the attempt and applies our account rules. The
 * authentication it returns holds a plain {@code User} principal, the type stored in
 * sessions and authorizations.
 */
public class SignInAuthenticationProvider implements AuthenticationProvider {

	/**
	 * The exception for a right password on an account whose address must be verified
	 * first.
	 */
	public static final String EMAIL_NOT_VERIFIED_EXCEPTION = EmailNotVerifiedException.class.getName();

	private final AuthenticationProvider passwordCheck;

	private final AuditLog audit;

	private final boolean requireVerifiedEmail;

	SignInAuthenticationProvider(AuthenticationProvider passwordCheck, AuditLog audit, boolean requireVerifiedEmail) {
		this.passwordCheck = passwordCheck;
		this.audit = audit;
		this.requireVerifiedEmail = requireVerifiedEmail;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String typedName = authentication.getName();
		Authentication checked;
		try {
			checked = this.passwordCheck.authenticate(authentication);
		}
		catch (AuthenticationException ex) {
			this.audit.record(AuditEventType.SIGN_IN_FAILED, AuditOutcome.FAILURE, null, typedName,
					ex.getClass().getSimpleName());
			throw ex;
		}
		AccountUserDetails account = (AccountUserDetails) checked.getPrincipal();
		if (this.requireVerifiedEmail && !account.isEmailVerified()) {
			this.audit.record(AuditEventType.SIGN_IN_FAILED, AuditOutcome.FAILURE, account.getAccountId(),
					account.getAccountUsername(), "e-mail address not verified");
			throw new EmailNotVerifiedException();
		}
		this.audit.record(AuditEventType.SIGNED_IN, AuditOutcome.SUCCESS, account.getAccountId(),
				account.getAccountUsername(), "password");
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken
			.authenticated(account.toStoredPrincipal(), null, checked.getAuthorities());
		result.setDetails(checked.getDetails());
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
