package io.latchkey.authserver.mail;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends through the SMTP server Spring Boot configures from {@code spring.mail.*}. */
class SmtpMailDelivery implements MailDelivery {

	private final JavaMailSender sender;

	private final String from;

	SmtpMailDelivery(JavaMailSender sender, String from) {
		this.sender = sender;
		this.from = from;
	}

	@Override
	public void deliver(Mail mail) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(mail.to());
		message.setSubject(mail.subject());
		message.setText(mail.text());
		this.sender.send(message);
	}

}
