package io.latchkey.authserver.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Where mail goes when no SMTP server is configured: the newest messages, in memory,
 * shown on a page so that someone running Latchkey locally can follow verification and
 * reset links. Bounded, and absent whenever SMTP is configured.
 */
class DevelopmentOutbox implements MailDelivery {

	static final int CAPACITY = 100;

	private static final Log logger = LogFactory.getLog(DevelopmentOutbox.class);

	private final Deque<Delivered> messages = new ArrayDeque<>();

	private final Clock clock;

	DevelopmentOutbox(Clock clock) {
		this.clock = clock;
		logger.warn("No SMTP server is configured (spring.mail.host): e-mail goes to the development outbox at "
				+ DevelopmentOutboxController.PATH + ", which only this machine can open. Configure SMTP before "
				+ "anyone else uses this server.");
	}

	@Override
	public synchronized void deliver(Mail mail) {
		this.messages.addFirst(new Delivered(this.clock.instant(), mail));
		while (this.messages.size() > CAPACITY) {
			this.messages.removeLast();
		}
		logger.info("Development outbox: \"" + mail.subject() + "\" to " + mail.to());
	}

	/** The messages held, newest first. */
	synchronized List<Delivered> messages() {
		return List.copyOf(this.messages);
	}

	record Delivered(Instant at, Mail mail) {

		private static final Pattern LINK = Pattern.compile("https?://\\S+");

		/** The links in the message, to show as links one can click. */
		public List<String> links() {
			return LINK.matcher(this.mail.text()).results().map(MatchResult::group).toList();
		}

	}

}
