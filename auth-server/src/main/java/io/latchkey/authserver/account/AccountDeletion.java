package io.latchkey.authserver.account;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;

import org.springframework.context.ApplicationEventPublisher;
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

	private final ApplicationEventPublisher events;

	private final RetiredUsernames retiredUsernames;

	private final AccountNotices notices;

	private final AuditLog audit;

	AccountDeletion(UserAccountRepository accounts, AccountSessions sessions, ApplicationEventPublisher events,
			RetiredUsernames retiredUsernames, AccountNotices notices, AuditLog audit) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.events = events;
		this.retiredUsernames = retiredUsernames;
		this.notices = notices;
		this.audit = audit;
	}

	@Transactional
	void delete(UserAccount account, String by) {
		this.retiredUsernames.retire(account.getUsername());
		this.sessions.endAll(account.getId());
		this.events.publishEvent(new AccountDeleted(account.getId()));
		this.accounts.delete(account);
		this.notices.sendDeletedNotice(account);
		this.audit.record(AuditEventType.DELETED, AuditOutcome.SUCCESS, account.getId(), account.getUsername(), by);
	}

}
