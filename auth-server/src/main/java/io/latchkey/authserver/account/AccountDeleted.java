package io.latchkey.authserver.account;

import java.util.UUID;

/**
 * Published, in the deleting transaction, when an account is deleted, after its sign-ins
 * ended: whatever else is kept for it (consents, passkeys) goes too.
 *
 * @param accountId the account, which is also the principal name
 */
public record AccountDeleted(UUID accountId) {

}
