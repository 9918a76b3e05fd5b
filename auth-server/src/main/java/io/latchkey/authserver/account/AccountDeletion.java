package io.latchkey.authserver.account;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;
import io.latchkey.authserver.authorization.AuthorizationRevocation;
import io.latchkey.authserver.login.Passkeys;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes an account, by its owner or by an administrator: every session and token ends,
 * consents and passkeys are forgotten, the username stays retired for a while, and the
 * owner is told. The audit trail keeps the account's events.
 */
@Component
class AccountDeletion {

	private final UserAccountRepository accounts;

	private final AccountSessions sessions;

	private final AuthorizationRevocation revocation;

	private final Passkeys passkeys;

	private final RetiredUsernames retiredUsernames;

	private final AccountNotices notices;

	private final AuditLog audit;

	AccountDeletion(UserAccountRepository accounts, AccountSessions sessions, AuthorizationRevocation revocation,
			Passkeys passkeys, RetiredUsernames retiredUsernames, AccountNotices notices, AuditLog audit) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.revocation = revocation;
		this.passkeys = passkeys;
		this.retiredUsernames = retiredUsernames;
		this.notices = notices;
		this.audit = audit;
	}

	@Transactional
	void delete(UserAccount account, String by) {
		this.retiredUsernames.retire(account.getUsername());
		this.sessions.endAll(account.getId());
		this.revocation.revokeConsents(account.getId().toString());
		this.passkeys.deleteAll(account.getId());
		this.accounts.delete(account);
		this.notices.sendDeletedNotice(account);
		this.audit.record(AuditEventType.DELETED, AuditOutcome.SUCCESS, account.getId(), account.getUsername(), by);
	}

}
