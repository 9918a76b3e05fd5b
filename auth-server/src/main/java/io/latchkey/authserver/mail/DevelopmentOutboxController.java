package io.latchkey.authserver.mail;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * Shows the development outbox. It holds live verification and reset links, so it answers
 * only requests from this machine, and it exists only while no SMTP server is configured.
 */
@Controller
@ConditionalOnExpression(MailConfiguration.NO_SMTP)
class DevelopmentOutboxController {

	static final String PATH = "/dev/outbox";

	static final String VIEW = "mail/outbox";

	private final DevelopmentOutbox outbox;

	DevelopmentOutboxController(DevelopmentOutbox outbox) {
		this.outbox = outbox;
	}

	@GetMapping(PATH)
	String showOutbox(HttpServletRequest request, Model model) {
		if (!isLoopback(request.getRemoteAddr())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		model.addAttribute("messages", this.outbox.messages());
		return VIEW;
	}

	private static boolean isLoopback(String address) {
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
