package io.latchkey.authserver.mail;

/** Hands a message to whatever carries it: an SMTP server or the development outbox. */
interface MailDelivery {

	void deliver(Mail mail);

}
