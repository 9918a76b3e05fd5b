package io.latchkey.authserver.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * One real SMTP server (GreenMail) for the whole test JVM, on a free loopback port. Tests
 * tell their messages apart by recipient: every test account has an address of its own.
 */
public final class TestMailServer {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	private static GreenMail server;

	private TestMailServer() {
	}

	/** The SMTP port, starting the server on first use. */
	public static synchronized int port() {
		if (server == null) {
			server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		}
		return server.getSmtp().getPort();
	}

	/** Every message received so far for the address, oldest first. */
	public static List<ReceivedMail> messagesTo(String address) {
		port();
		return Arrays.stream(server.getReceivedMessages())
			.filter((message) -> isTo(message, address))
			.map(TestMailServer::read)
			.toList();
	}

	/**
	 * Waits until the address has received the given number of messages, then answers the
	 * newest.
	 */
	public static ReceivedMail awaitMessage(String address, int count) {
		Instant deadline = Instant.now().plus(WAIT);
		while (Instant.now().isBefore(deadline)) {
			List<ReceivedMail> messages = messagesTo(address);
			if (messages.size() >= count) {
				return messages.get(count - 1);
			}
			sleep();
		}
		throw new AssertionError("Within " + WAIT + " " + address + " received only " + messagesTo(address));
	}

	private static boolean isTo(MimeMessage message, String address) {
		try {
			Address[] recipients = message.getAllRecipients();
			return recipients != null && Arrays.stream(recipients)
				.anyMatch((recipient) -> recipient.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ReceivedMail read(MimeMessage message) {
		try {
			return new ReceivedMail(message.getFrom()[0].toString(), message.getSubject(),
					GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "="));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A received message.
	 *
	 * @param from the sender
	 * @param subject the subject line
	 * @param text the body, quoted-printable soft breaks undone
	 */
	public record ReceivedMail(String from, String subject, String text) {

		/** The first link in the body that contains the given text. */
		public String link(String containing) {
			Matcher matcher = LINK.matcher(this.text);
			while (matcher.find()) {
				if (matcher.group().contains(containing)) {
					return matcher.group();
				}
			}
			throw new AssertionError("No link with " + containing + " in:\n" + this.text);
		}

	}

}
