package io.latchkey.authserver.login;

import java.util.Optional;
import java.util.UUID;

import io.latchkey.authserver.account.AccountNotices;
import io.latchkey.authserver.account.AccountUserDetails;
import io.latchkey.authserver.account.UserAccount;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;
import io.latchkey.authserver.throttle.AttemptThrottle;
import io.latchkey.authserver.throttle.ThrottleProperties;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks the sign-in form. The password check itself is Spring Security's
 * {@code DaoAuthenticationProvider} (constant work for unknown names, re-hashing outdated
 * hashes); around it this applies the throttles, records the attempt and applies our
 * account rules. The authentication it returns holds a plain {@code User} principal, the
 * type stored in sessions and authorizations.
 * <p>
 * A refused attempt looks the same whatever the reason (unknown name, wrong password,
 * throttled, locked), so the answer never tells whether an account exists or is locked.
 * Names that match no account are throttled exactly like accounts.
 */
public class SignInAuthenticationProvider implements AuthenticationProvider {

	/**
	 * The exception for a right password on an account whose address must be verified
	 * first.
	 */
	public static final String EMAIL_NOT_VERIFIED_EXCEPTION = EmailNotVerifiedException.class.getName();

	private final AuthenticationProvider passwordCheck;

	/**
	 * The account the attempt on this thread names, read once: the throttle's key and the
	 * password check both come from it.
	 */
	private final ThreadLocal<UserAccount> attempted = new ThreadLocal<>();

	private final UserAccountRepository accounts;

	private final AttemptThrottle throttle;

	private final ThrottleProperties throttleRules;

	private final AccountNotices notices;

	private final AuditLog audit;

	private final SignInMeters meters;

	private final boolean requireVerifiedEmail;

	SignInAuthenticationProvider(PasswordEncoder passwordEncoder, UserDetailsPasswordService passwordUpgrades,
			UserAccountRepository accounts, AttemptThrottle throttle, ThrottleProperties throttleRules,
			AccountNotices notices, AuditLog audit, SignInMeters meters, boolean requireVerifiedEmail) {
		this.meters = meters;
		DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(this::attemptedAccount);
		passwordCheck.setPasswordEncoder(passwordEncoder);
		passwordCheck.setUserDetailsPasswordService(passwordUpgrades);
		this.passwordCheck = passwordCheck;
		this.accounts = accounts;
		this.throttle = throttle;
		this.throttleRules = throttleRules;
		this.notices = notices;
		this.audit = audit;
		this.requireVerifiedEmail = requireVerifiedEmail;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String typedName = authentication.getName();
		// the form takes usernames and addresses; account ids are for passkey sign-in
		// only, so that every name typed into the form meets the same throttle
		Optional<UserAccount> named = isAccountId(typedName) ? Optional.empty()
				: this.accounts.findWithRolesAndGroupsByUsernameOrEmail(typedName);
		String accountKey = named.map((account) -> AttemptThrottle.signInKey(account.getId()))
			.orElseGet(() -> "sign-in:name:" + UserAccountRepository.normalizeName(typedName));
		String addressKey = "sign-in:address:" + clientAddress(authentication);
		AttemptThrottle.Check throttled = this.throttle.check(accountKey, addressKey);
		if (throttled.blocked()) {
			this.audit.record(AuditEventType.SIGN_IN_THROTTLED, AuditOutcome.FAILURE,
					named.map(UserAccount::getId).orElse(null), typedName);
			this.meters.throttled();
			throw new BadCredentialsException("Too many attempts");
		}
		Authentication checked;
		this.attempted.set(named.orElse(null));
		try {
			checked = this.passwordCheck.authenticate(authentication);
		}
		catch (AuthenticationException ex) {
			countFailure(accountKey, addressKey, named, typedName, ex);
			throw ex;
		}
		finally {
			this.attempted.remove();
		}
		AccountUserDetails account = (AccountUserDetails) checked.getPrincipal();
		if (this.requireVerifiedEmail && !account.isEmailVerified()) {
			this.audit.record(AuditEventType.SIGN_IN_FAILED, AuditOutcome.FAILURE, account.getAccountId(),
					account.getAccountUsername(), "e-mail address not verified");
			this.meters.failed(SignInMeters.PASSWORD);
			throw new EmailNotVerifiedException();
		}
		// the success is recorded once the sign-in is complete (TwoStepSignInHandler)
		if (throttled.counted()) {
			this.throttle.clear(accountKey);
		}
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken
			.authenticated(account.toStoredPrincipal(), null, checked.getAuthorities());
		result.setDetails(checked.getDetails());
		return result;
	}

	private void countFailure(String accountKey, String addressKey, Optional<UserAccount> named, String typedName,
			AuthenticationException failure) {
		this.audit.record(AuditEventType.SIGN_IN_FAILED, AuditOutcome.FAILURE,
				named.map(UserAccount::getId).orElse(null), typedName, reason(failure, named.isPresent()));
		this.meters.failed(SignInMeters.PASSWORD);
		this.throttle.count(addressKey, this.throttleRules.signInAddress());
		AttemptThrottle.Counted counted = this.throttle.count(accountKey, this.throttleRules.signInAccount());
		if (counted.locked() && named.isPresent()) {
			UserAccount account = named.get();
			this.audit.record(AuditEventType.LOCKED, AuditOutcome.SUCCESS, account.getId(), account.getUsername(),
					counted.attempts() + " failed sign-ins");
			this.meters.locked();
			this.notices.sendLockedNotice(account, this.throttleRules.signInAccount().lockDuration());
		}
	}

	/** Why the check refused, in words for the audit trail. */
	private static String reason(AuthenticationException failure, boolean accountExists) {
		if (failure instanceof DisabledException || failure instanceof LockedException) {
			return "account locked";
		}
		if (failure instanceof BadCredentialsException) {
			return accountExists ? "wrong password" : "no account by that name";
		}
		return "sign-in refused";
	}

	/** The password check's view of the account this attempt names. */
	private UserDetails attemptedAccount(String name) {
		UserAccount account = this.attempted.get();
		if (account == null) {
			throw new UsernameNotFoundException("No such account");
		}
		return AccountUserDetails.forPasswordCheck(account);
	}

	private static boolean isAccountId(String name) {
		try {
			return name != null && name.length() == 36 && UUID.fromString(name) != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String clientAddress(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) ? details.getRemoteAddress() : "unknown";
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
