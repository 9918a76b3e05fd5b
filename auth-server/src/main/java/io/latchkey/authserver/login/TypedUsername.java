package io.latchkey.authserver.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

/**
 * The name typed into a sign-in that failed, kept in the session for the sign-in page
 * that follows, so the person retypes only the password. It is shown once and only to the
 * session that typed it.
 */
public final class TypedUsername {

	private static final String ATTRIBUTE = TypedUsername.class.getName();

	/** Longer than any username or address we accept (RFC 5321's 254). */
	private static final int LONGEST = 254;

	private TypedUsername() {
	}

	/** Keeps the name of the request's sign-in attempt. */
	public static void remember(HttpServletRequest request) {
		String typed = request.getParameter("username");
		if (typed != null && !typed.isBlank() && typed.length() <= LONGEST) {
			request.getSession().setAttribute(ATTRIBUTE, typed);
		}
	}

	/** The name kept, removed as it is read. */
	static @Nullable String take(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof String typed)) {
			return null;
		}
		session.removeAttribute(ATTRIBUTE);
		return typed;
	}

}
