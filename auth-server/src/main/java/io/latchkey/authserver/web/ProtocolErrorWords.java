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

	private static final String TELL_OWNER = " Go back and try again; if it keeps happening, tell the application's owner.";

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
			case "invalid_client", "unauthorized_client" -> unknownApplication();
			case "unsupported_response_type" ->
				"The application asked to sign you in in a way Latchkey does not offer." + TELL_OWNER;
			case "invalid_scope" -> "The application asked for access that it is not allowed to ask for." + TELL_OWNER;
			case "access_denied" -> "The request was declined, so nothing was shared with the application.";
			case "server_error", "temporarily_unavailable" ->
				"Latchkey could not finish this just now. " + "Wait a moment and try again.";
			default -> invalidRequest(description);
		};
	}

	private static String invalidRequest(String description) {
		if (description.contains("redirect_uri")) {
			return "The application that sent you here asked to send you back to an address it has not registered "
					+ "with Latchkey, so Latchkey will not send you there." + TELL_OWNER;
		}
		if (description.contains("client_id")) {
			return unknownApplication();
		}
		if (description.contains("state")) {
			return "The application sent a request too large to answer." + TELL_OWNER;
		}
		return "The application that sent you here made a request Latchkey cannot accept." + TELL_OWNER;
	}

	private static String unknownApplication() {
		return "Latchkey does not know the application that sent you here, or it has been switched off." + TELL_OWNER;
	}

	/**
	 * @param words what happened and what to do
	 * @param detail the error code and its description
	 */
	record Explained(String words, String detail) {

	}

}
