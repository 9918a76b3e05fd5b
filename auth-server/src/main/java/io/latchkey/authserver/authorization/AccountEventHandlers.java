package io.latchkey.authserver.authorization;

import io.latchkey.authserver.account.AccountDeleted;
import io.latchkey.authserver.account.AccountSessionEnded;
import io.latchkey.authserver.account.AccountSignInsEnded;
import io.latchkey.authserver.consent.ApplicationAccessRemoved;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the account pages' changes mean for the applications, handled in the transaction
 * that made them: every sign-in of an account ended, its applications are told
 * (back-channel logout) before their tokens are revoked; a deleted account's consents go;
 * one session the person signed out from another ends as if they had signed out there; an
 * application whose access the person removed is told, and its tokens end.
 */
@Component
class AccountEventHandlers {

	private final AuthorizationRevocation revocation;

	private final BackChannelLogout backChannelLogout;

	AccountEventHandlers(AuthorizationRevocation revocation, BackChannelLogout backChannelLogout) {
		this.revocation = revocation;
		this.backChannelLogout = backChannelLogout;
	}

	@EventListener
	void signInsEnded(AccountSignInsEnded event) {
		this.backChannelLogout.sessionEnded(event.accountId().toString());
		this.revocation.revokeAuthorizations(event.accountId().toString());
	}

	@EventListener
	void sessionEnded(AccountSessionEnded event) {
		this.backChannelLogout.sessionEnded(event.accountId().toString(), event.sessionId());
	}

	@EventListener
	void accessRemoved(ApplicationAccessRemoved event) {
		this.backChannelLogout.accessRemoved(event.principalName(), event.registeredClientId());
		this.revocation.revokeAuthorizations(event.principalName(), event.registeredClientId());
	}

	@EventListener
	void deleted(AccountDeleted event) {
		this.revocation.revokeConsents(event.accountId().toString());
	}

}
