package io.latchkey.authserver.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One recorded event.
 *
 * @param occurredAt when it happened
 * @param accountId the account, or null when none matched (a sign-in with an unknown
 * name)
 * @param username the username at the time, or what was typed
 * @param type what happened
 * @param outcome whether it succeeded
 * @param clientAddress the address the request came from, when there was a request
 * @param clientId the client the event concerns, if any
 * @param detail a short note (for example the factor added), or null
 */
public record AuditEvent(Instant occurredAt, UUID accountId, String username, AuditEventType type, AuditOutcome outcome,
		String clientAddress, String clientId, String detail) {

}
