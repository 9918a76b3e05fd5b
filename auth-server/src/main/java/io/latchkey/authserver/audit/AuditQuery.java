package io.latchkey.authserver.audit;

import java.time.Instant;

/**
 * What to look for in the audit trail; null criteria match everything.
 *
 * @param username the account's username (or what was typed), without case
 * @param clientId the client the events concern
 * @param type the kind of event
 * @param from the earliest time, inclusive
 * @param to the latest time, exclusive
 */
public record AuditQuery(String username, String clientId, AuditEventType type, Instant from, Instant to) {

}
