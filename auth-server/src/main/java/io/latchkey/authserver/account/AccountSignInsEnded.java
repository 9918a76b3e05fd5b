package io.latchkey.authserver.account;

import java.util.UUID;

/**
 * Published, in the transaction that made it so, when every sign-in of an account ended
 * (password reset, lock, deletion): its browser sessions are gone, and whoever keeps the
 * applications' tokens for it ends those too. An event, so that {@code account} needs no
 * package that issues tokens.
 *
 * @param accountId the account, which is also the principal name
 */
public record AccountSignInsEnded(UUID accountId) {

}
