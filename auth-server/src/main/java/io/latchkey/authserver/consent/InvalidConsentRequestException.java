package io.latchkey.authserver.consent;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The consent page was opened without a pending authorization request. */
@ResponseStatus(value = HttpStatus.BAD_REQUEST, reason = "error.reason.consent-outside-sign-in")
class InvalidConsentRequestException extends RuntimeException {

}
