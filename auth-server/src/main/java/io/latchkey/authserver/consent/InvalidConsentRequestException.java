package io.latchkey.authserver.consent;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The consent page was opened without a pending authorization request. */
@ResponseStatus(value = HttpStatus.BAD_REQUEST, reason = "This page is only shown during a sign-in to an application.")
class InvalidConsentRequestException extends RuntimeException {

}
