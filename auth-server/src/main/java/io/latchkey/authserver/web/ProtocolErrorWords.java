package io.latchkey.authserver.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An OAuth error shown on our page (the authorization, device and end-session endpoints,
 * when there is nowhere safe to send it) put in words for the person who sees it: what
 * went wrong and what to do. The error code and its description stay beside it, in small
 * print, for whoever has to fix the application.
 */
final class ProtocolErrorWords {

	/** How {@code OAuth2Error.toString()} writes an error: {@code [code] description}. */
	private static final Pattern OAUTH_ERROR = Pattern.compile("\\[([a-z_]{1,64})\\] ?(.*)", Pattern.DOTALL);

	private static final String UNKNOWN_APPLICATION = "error.oauth.unknown-client";

	private ProtocolErrorWords() {
	}

	/**
	 * The words and the technical detail, or null when the message is not an OAuth error.
	 */
	static @Nullable Explained explain(@Nullable String message) {
		if (message == null) {
			return null;
		}
		Matcher error = OAUTH_ERROR.matcher(message);
		if (!error.matches()) {
			return null;
		}
		String code = error.group(1);
		String description = error.group(2).strip();
		String detail = description.isEmpty() ? code : code + ": " + description;
		return new Explained(words(code, description), detail);
	}

	private static String words(String code, String description) {
		return switch (code) {
			case "invalid_client", "unauthorized_client" -> UNKNOWN_APPLICATION;
			case "unsupported_response_type" -> "error.oauth.unsupported-response-type";
			case "invalid_scope" -> "error.oauth.invalid-scope";
			case "access_denied" -> "error.oauth.access-denied";
			case "server_error", "temporarily_unavailable" -> "error.oauth.unavailable";
			default -> invalidRequest(description);
		};
	}

	private static String invalidRequest(String description) {
		if (description.contains("redirect_uri")) {
			return "error.oauth.redirect-uri";
		}
		if (description.contains("client_id")) {
			return UNKNOWN_APPLICATION;
		}
		if (description.contains("state")) {
			return "error.oauth.too-large";
		}
		return "error.oauth.invalid-request";
	}

	/**
	 * @param words the key of the message that says what happened and what to do
	 * @param detail the error code and its description
	 */
	record Explained(String words, String detail) {

	}

}
