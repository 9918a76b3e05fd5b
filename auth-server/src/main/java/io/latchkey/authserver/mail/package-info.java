/**
 * Outgoing e-mail: SMTP when {@code spring.mail.host} is set, otherwise a development
 * outbox page that holds the newest messages in memory.
 */
package io.latchkey.authserver.mail;
