package io.latchkey.authserver.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;
import io.latchkey.authserver.crypto.Hashes;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * A person's browser sessions on every node (sessions live in the database, indexed by
 * principal name): listed for "Where you are signed in", ended one by one or all at once,
 * and, with every sign-in ended, the refresh tokens their applications hold.
 */
@Component
class AccountSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	AccountSessions(FindByIndexNameSessionRepository<? extends Session> sessions, ApplicationEventPublisher events,
			AuditLog audit) {
		this.sessions = sessions;
		this.events = events;
		this.audit = audit;
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
	 * change), quietly: the applications keep theirs.
	 */
	void endOthers(UUID accountId, @Nullable String keepSessionId) {
		this.sessions.findByPrincipalName(accountId.toString())
			.keySet()
			.stream()
			.filter((id) -> !id.equals(keepSessionId))
			.forEach(this.sessions::deleteById);
	}

	/** The account's sessions, the current one first, then the most recently used. */
	List<SignedInSession> list(UUID accountId, @Nullable String currentSessionId) {
		List<SignedInSession> list = new ArrayList<>();
		for (Map.Entry<String, ? extends Session> entry : this.sessions.findByPrincipalName(accountId.toString())
			.entrySet()) {
			Session session = entry.getValue();
			if (session.isExpired()) {
				continue;
			}
			SignedInFrom from = session.getAttribute(SignedInFrom.ATTRIBUTE);
			String userAgent = (from != null) ? from.userAgent() : "";
			list.add(new SignedInSession(handle(entry.getKey()), entry.getKey().equals(currentSessionId),
					BrowserNames.browser(userAgent), BrowserNames.system(userAgent),
					(from != null) ? from.address() : null, session.getCreationTime(), session.getLastAccessedTime()));
		}
		list.sort(Comparator.comparing(SignedInSession::current).thenComparing(SignedInSession::lastSeen).reversed());
		return list;
	}

	/**
	 * Signs the person out of one of their other sessions, the way signing out there
	 * would: its applications hear of it. Returns whether there was such a session.
	 */
	boolean signOut(UUID accountId, String handle, @Nullable String currentSessionId) {
		for (String id : this.sessions.findByPrincipalName(accountId.toString()).keySet()) {
			if (handle(id).equals(handle) && !id.equals(currentSessionId)) {
				end(accountId, id);
				return true;
			}
		}
		return false;
	}

	/** Signs the person out of every session but this one; returns how many ended. */
	int signOutOthers(UUID accountId, @Nullable String currentSessionId) {
		int ended = 0;
		for (String id : this.sessions.findByPrincipalName(accountId.toString()).keySet()) {
			if (!id.equals(currentSessionId)) {
				end(accountId, id);
				ended++;
			}
		}
		return ended;
	}

	private void end(UUID accountId, String sessionId) {
		this.sessions.deleteById(sessionId);
		this.events.publishEvent(new AccountSessionEnded(accountId, sessionId));
		this.audit.record(AuditEventType.SESSION_ENDED, AuditOutcome.SUCCESS, accountId, null);
	}

	/**
	 * What the page names a session by: never its id, which is what its cookie carries.
	 */
	private static String handle(String sessionId) {
		return Hashes.sha256Base64Url("session:" + sessionId);
	}

	/**
	 * One of the person's sessions.
	 *
	 * @param handle what the sign-out form posts
	 * @param current whether it is the session of this request
	 * @param browser the browser its User-Agent names, or null
	 * @param system the operating system its User-Agent names, or null
	 * @param address the client address of its latest request, or null
	 * @param signedIn when the session began
	 * @param lastSeen its latest request
	 */
	record SignedInSession(String handle, boolean current, @Nullable String browser, @Nullable String system,
			@Nullable String address, Instant signedIn, Instant lastSeen) {

	}

}
