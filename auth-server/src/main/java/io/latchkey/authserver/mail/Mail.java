package io.latchkey.authserver.mail;

/**
 * A plain-text message to one recipient.
 *
 * @param to the recipient's address
 * @param subject the subject line
 * @param text the body
 */
public record Mail(String to, String subject, String text) {

}
