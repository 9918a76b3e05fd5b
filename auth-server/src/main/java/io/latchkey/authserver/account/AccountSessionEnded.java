package io.latchkey.authserver.account;

import java.util.UUID;

/**
 * Published when a person signed out one of their sessions from another one ("Where you
 * are signed in"): the session is gone, and the applications signed in through it hear of
 * it as if the person had signed out there. An event, so that {@code account} needs no
 * package that issues tokens.
 *
 * @param accountId the account, which is also the principal name
 * @param sessionId the id of the session that ended
 */
public record AccountSessionEnded(UUID accountId, String sessionId) {

}
