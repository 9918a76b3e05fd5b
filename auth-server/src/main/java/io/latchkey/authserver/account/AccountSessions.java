package io.latchkey.authserver.account;

import java.util.UUID;

import io.latchkey.authserver.authorization.AuthorizationRevocation;
import io.latchkey.authserver.authorization.BackChannelLogout;

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

	private final AuthorizationRevocation revocation;

	private final BackChannelLogout backChannelLogout;

	AccountSessions(FindByIndexNameSessionRepository<? extends Session> sessions, AuthorizationRevocation revocation,
			BackChannelLogout backChannelLogout) {
		this.backChannelLogout = backChannelLogout;
		this.sessions = sessions;
		this.revocation = revocation;
	}

	/**
	 * Ends every browser session of the account and revokes the tokens its applications
	 * hold.
	 */
	void endAll(UUID accountId) {
		endOthers(accountId, null);
		// tell the person's applications before their authorizations are gone
		this.backChannelLogout.sessionEnded(accountId.toString());
		this.revocation.revokeAuthorizations(accountId.toString());
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
