package io.latchkey.authserver.mail;

import java.util.concurrent.Executor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Sends our messages in the background, so that a page answers in the same time whether
 * or not it sent mail (a reset request must not tell who has an account), and a slow SMTP
 * server never holds up a request.
 */
public class Mailer {

	private static final Log logger = LogFactory.getLog(Mailer.class);

	private final MailDelivery delivery;

	/** The request's base address, for work that runs after the request. */
	private static final ThreadLocal<String> requestBase = new ThreadLocal<>();

	private final Executor executor;

	private final String linkBaseUrl;

	private final MeterRegistry meters;

	Mailer(MailDelivery delivery, Executor executor, String linkBaseUrl, MeterRegistry meters) {
		this.meters = meters;
		this.delivery = delivery;
		this.executor = executor;
		this.linkBaseUrl = linkBaseUrl;
	}

	public void send(Mail mail) {
		this.executor.execute(() -> {
			try {
				this.delivery.deliver(mail);
				sent("sent");
			}
			catch (RuntimeException ex) {
				sent("failed");
				logger.error("Could not send \"" + mail.subject() + "\" to " + mail.to(), ex);
			}
		});
	}

	/** {@code latchkey.mail}: messages handed to the mail server, or not. */
	private void sent(String outcome) {
		Counter.builder("latchkey.mail")
			.description("Messages by outcome of their delivery to the mail server")
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	/**
	 * An absolute link to a path of ours, for a message. It starts with the configured
	 * public address; only without one does it take the current request's.
	 */
	public String link(String pathAndQuery) {
		String base = (this.linkBaseUrl != null) ? this.linkBaseUrl : (requestBase.get() != null) ? requestBase.get()
				: ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
		return base.replaceAll("/+$", "") + pathAndQuery;
	}

	/**
	 * The work, to run after the current request ended, with links made as they would
	 * have been during it.
	 */
	public Runnable afterRequest(Runnable work) {
		String base = (this.linkBaseUrl != null) ? null
				: ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
		return () -> {
			requestBase.set(base);
			try {
				work.run();
			}
			finally {
				requestBase.remove();
			}
		};
	}

}
