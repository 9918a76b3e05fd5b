package io.latchkey.authserver.account;

import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends a person's sign-ins everywhere: their browser sessions on every node (sessions
 * live in the database, indexed by principal name) and the refresh tokens their
 * applications hold.
 */
@Component
class AccountSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final ApplicationEventPublisher events;

	AccountSessions(FindByIndexNameSessionRepository<? extends Session> sessions, ApplicationEventPublisher events) {
		this.sessions = sessions;
		this.events = events;
	}

	/**
	 * Ends every browser session of the account and revokes the tokens its applications
	 * hold.
	 */
	void endAll(UUID accountId) {
		endOthers(accountId, null);
		this.events.publishEvent(new AccountSignInsEnded(accountId));
	}

	/**
	 * Ends the account's browser sessions except the one given (the session that made a
	 * change).
	 */
	void endOthers(UUID accountId, String keepSessionId) {
		this.sessions.findByPrincipalName(accountId.toString())
			.keySet()
			.stream()
			.filter((id) -> !id.equals(keepSessionId))
			.forEach(this.sessions::deleteById);
	}

}
