package io.latchkey.sampleresource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Messages kept in memory: this is a sample, and the point is who may read and write
 * them.
 */
@RestController
class MessageController {

	private static final int MAX_MESSAGES = 100;

	private final Deque<Message> messages = new ConcurrentLinkedDeque<>();

	private final AtomicLong ids = new AtomicLong();

	MessageController() {
		this.messages.add(new Message(this.ids.incrementAndGet(), "Welcome to the Latchkey sample API.", "latchkey",
				Instant.now()));
	}

	@GetMapping("/api/messages")
	List<Message> listMessages() {
		return new ArrayList<>(this.messages);
	}

	@PostMapping("/api/messages")
	@ResponseStatus(HttpStatus.CREATED)
	Message createMessage(@Valid @RequestBody NewMessage request, @AuthenticationPrincipal Jwt token) {
		Message message = new Message(this.ids.incrementAndGet(), request.text().trim(), token.getSubject(),
				Instant.now());
		this.messages.addFirst(message);
		while (this.messages.size() > MAX_MESSAGES) {
			this.messages.pollLast();
		}
		return message;
	}

	record NewMessage(@NotBlank @Size(max = 500) String text) {
	}

	record Message(long id, String text, String author, Instant createdAt) {
	}

}
