package io.latchkey.authserver.account;

import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;
import io.latchkey.authserver.crypto.RandomTokens;
import io.latchkey.authserver.throttle.AttemptThrottle;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to other people's accounts. Every change is audited with the
 * administrator's name, and changes that take access away (lock, roles, forced reset) end
 * the person's sessions so that they apply at once.
 */
@Service
public class AccountAdministration {

	/** Role and group names: lower case, as they appear in tokens. */
	public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

	public static final int PAGE_SIZE = 25;

	private final UserAccountRepository accounts;

	private final AccountSessions sessions;

	private final AccountDeletion deletion;

	private final PasswordResetService resets;

	private final PasswordEncoder passwordEncoder;

	private final AttemptThrottle throttle;

	private final AuditLog audit;

	AccountAdministration(UserAccountRepository accounts, AccountSessions sessions, AccountDeletion deletion,
			PasswordResetService resets, PasswordEncoder passwordEncoder, AttemptThrottle throttle, AuditLog audit) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.deletion = deletion;
		this.resets = resets;
		this.passwordEncoder = passwordEncoder;
		this.throttle = throttle;
		this.audit = audit;
	}

	/** Accounts whose username or address contains the text, a page at a time. */
	@Transactional(readOnly = true)
	public Page<AccountSummary> search(String text, int page) {
		PageRequest request = PageRequest.of(Math.max(page, 0), PAGE_SIZE, Sort.by("username"));
		String query = UserAccount.normalize(text);
		Page<UserAccount> found = (query == null || query.isEmpty()) ? this.accounts.findAll(request)
				: this.accounts.findByUsernameContainingOrEmailContaining(query, query, request);
		return found.map(AccountSummary::of);
	}

	@Transactional(readOnly = true)
	public UserAccount find(UUID accountId) {
		UserAccount account = this.accounts.findById(accountId).orElseThrow(AccountNotFoundException::new);
		// the collections are read here, inside the transaction
		account.getRoles();
		account.getGroups();
		return account;
	}

	/** Stops the account from signing in until unlocked, and signs it out everywhere. */
	@Transactional
	public void lock(UUID accountId, String admin) {
		UserAccount account = find(accountId);
		account.disable();
		this.sessions.endAll(accountId);
		record(AuditEventType.LOCKED_BY_ADMINISTRATOR, account, "by administrator " + admin);
	}

	/** Lets the account sign in again, forgetting its failed attempts. */
	@Transactional
	public void unlock(UUID accountId, String admin) {
		UserAccount account = find(accountId);
		account.enable();
		this.throttle.clear(AttemptThrottle.signInKey(accountId));
		this.throttle.clear(AttemptThrottle.secondFactorKey(accountId));
		record(AuditEventType.UNLOCKED, account, "by administrator " + admin);
	}

	/**
	 * Replaces the account's roles and groups (names as {@link #NAME} allows; others are
	 * refused) and ends its sessions so the new ones apply.
	 */
	@Transactional
	public void setRolesAndGroups(UUID accountId, Set<String> roles, Set<String> groups, String admin) {
		if (!roles.stream().allMatch((role) -> NAME.matcher(role).matches())
				|| !groups.stream().allMatch((group) -> NAME.matcher(group).matches())) {
			throw new IllegalArgumentException("Role and group names are lower-case letters, digits, . _ -");
		}
		// two administrators at once: the second waits, then replaces what the first set
		UserAccount account = this.accounts.findForUpdateById(accountId).orElseThrow(AccountNotFoundException::new);
		account.replaceRoles(roles);
		account.replaceGroups(groups);
		this.sessions.endOthers(accountId, null);
		record(AuditEventType.ROLES_CHANGED, account, "roles " + roles + ", groups " + groups + " by " + admin);
	}

	/**
	 * Makes the current password useless and sends the owner a reset link; their sessions
	 * and tokens end.
	 */
	@Transactional
	public void forcePasswordReset(UUID accountId, String admin) {
		UserAccount account = find(accountId);
		account.changePasswordHash(this.passwordEncoder.encode(RandomTokens.urlSafe()));
		this.sessions.endAll(accountId);
		this.resets.sendResetLink(account);
		record(AuditEventType.PASSWORD_RESET_REQUESTED, account, "forced by administrator " + admin);
	}

	@Transactional
	public void delete(UUID accountId, String admin) {
		this.deletion.delete(find(accountId), "by administrator " + admin);
	}

	private void record(AuditEventType type, UserAccount account, String detail) {
		this.audit.record(type, AuditOutcome.SUCCESS, account.getId(), account.getUsername(), detail);
	}

}
