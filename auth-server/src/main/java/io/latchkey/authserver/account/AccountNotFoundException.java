package io.latchkey.authserver.account;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The signed-in principal has no account any more (it was deleted in another session).
 */
@ResponseStatus(value = HttpStatus.NOT_FOUND, reason = "error.reason.account-gone")
class AccountNotFoundException extends RuntimeException {

}
