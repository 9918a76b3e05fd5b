package io.latchkey.authserver.account;

import java.util.Locale;

import io.latchkey.authserver.mail.Mail;
import io.latchkey.authserver.mail.Mailer;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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
		send(account, email, "verify", account.getName(),
				this.mailer.link(VerificationController.PATH + "?token=" + token));
	}

	void sendEmailChangeLink(UserAccount account, String newEmail, String token) {
		send(account, newEmail, "confirm-email-change", account.getName(),
				this.mailer.link(VerificationController.PATH + "?token=" + token));
	}

	void sendEmailChangeNotice(UserAccount account, String oldEmail, String newEmail) {
		send(account, oldEmail, "email-changing", account.getName(), newEmail);
	}

	void sendPasswordResetLink(UserAccount account, String token) {
		send(account, account.getEmail(), "reset", account.getName(),
				this.mailer.link(PasswordResetController.RESET_PATH + "?token=" + token));
	}

	void sendPasswordChangedNotice(UserAccount account) {
		send(account, account.getEmail(), "password-changed", account.getName(),
				this.mailer.link(PasswordResetController.REQUEST_PATH));
	}

	void sendDeletedNotice(UserAccount account) {
		send(account, account.getEmail(), "deleted", account.getName());
	}

	/** Tells the owner that sign-in to their account is paused after failed attempts. */
	public void sendLockedNotice(UserAccount account, java.time.Duration lockDuration) {
		send(account, account.getEmail(), "locked", account.getName(), lockDuration.toMinutes(),
				this.mailer.link(PasswordResetController.REQUEST_PATH));
	}

	private void send(UserAccount account, String to, String kind, Object... arguments) {
		Locale language = languageOf(account);
		this.mailer.send(new Mail(to, this.messages.getMessage("mail." + kind + ".subject", null, language),
				this.messages.getMessage("mail." + kind + ".text", arguments, language)));
	}

	/**
	 * The language of the person's profile; without one, the language of the page they
	 * are on when they cause the mail (registering, asking for a reset link), but never
	 * that of somebody else who is signed in (an administrator); else English.
	 */
	private static Locale languageOf(UserAccount account) {
		Locale chosen = PersonPreferences.language(account.getLocale());
		if (chosen != null) {
			return chosen;
		}
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		boolean somebodyElse = signedIn != null && signedIn.isAuthenticated()
				&& !(signedIn instanceof AnonymousAuthenticationToken)
				&& !signedIn.getName().equals(String.valueOf(account.getId()));
		Locale page = Languages.supported(LocaleContextHolder.getLocale());
		return (!somebodyElse && page != null) ? page : Languages.DEFAULT;
	}

}
