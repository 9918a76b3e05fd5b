package io.latchkey.authserver.account;

import java.util.Locale;

import io.latchkey.authserver.mail.Mail;
import io.latchkey.authserver.mail.Mailer;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The messages we send about an account. Their texts are in messages.properties under
 * {@code mail.<kind>.subject} and {@code mail.<kind>.text}.
 */
@Component
public class AccountNotices {

	private final Mailer mailer;

	private final MessageSource messages;

	AccountNotices(Mailer mailer, MessageSource messages) {
		this.mailer = mailer;
		this.messages = messages;
	}

	void sendVerificationLink(UserAccount account, String email, String token) {
		send(email, "verify", account.getName(), this.mailer.link(VerificationController.PATH + "?token=" + token));
	}

	void sendEmailChangeLink(UserAccount account, String newEmail, String token) {
		send(newEmail, "confirm-email-change", account.getName(),
				this.mailer.link(VerificationController.PATH + "?token=" + token));
	}

	void sendEmailChangeNotice(UserAccount account, String oldEmail, String newEmail) {
		send(oldEmail, "email-changing", account.getName(), newEmail);
	}

	void sendPasswordResetLink(UserAccount account, String token) {
		send(account.getEmail(), "reset", account.getName(),
				this.mailer.link(PasswordResetController.RESET_PATH + "?token=" + token));
	}

	void sendPasswordChangedNotice(UserAccount account) {
		send(account.getEmail(), "password-changed", account.getName(),
				this.mailer.link(PasswordResetController.REQUEST_PATH));
	}

	void sendDeletedNotice(UserAccount account) {
		send(account.getEmail(), "deleted", account.getName());
	}

	/** Tells the owner that sign-in to their account is paused after failed attempts. */
	public void sendLockedNotice(UserAccount account, java.time.Duration lockDuration) {
		send(account.getEmail(), "locked", account.getName(), lockDuration.toMinutes(),
				this.mailer.link(PasswordResetController.REQUEST_PATH));
	}

	private void send(String to, String kind, Object... arguments) {
		this.mailer.send(new Mail(to, this.messages.getMessage("mail." + kind + ".subject", null, Locale.ENGLISH),
				this.messages.getMessage("mail." + kind + ".text", arguments, Locale.ENGLISH)));
	}

}
