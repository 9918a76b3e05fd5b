package io.latchkey.authserver.mail;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How our messages look to their recipients.
 *
 * @param from the sender, for example {@code Latchkey <no-reply@example.com>}
 * @param linkBaseUrl the public address that links in messages start with; when unset,
 * the issuer, and without one the address of the request that caused the message
 */
@Validated
@ConfigurationProperties("latchkey.mail")
record MailProperties(String from, URI linkBaseUrl) {

	MailProperties {
		from = (from != null && !from.isBlank()) ? from : "Latchkey <no-reply@localhost>";
	}

}
