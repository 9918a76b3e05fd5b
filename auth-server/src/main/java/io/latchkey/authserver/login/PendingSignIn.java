package io.latchkey.authserver.login;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;

/**
 * A sign-in that passed the password and waits for the second factor. It lives in the
 * session, outside the security context, so until the second factor it grants nothing.
 *
 * @param passwordAuthentication the authentication the password produced
 * @param expiresAt when the second step must be done by
 */
record PendingSignIn(Authentication passwordAuthentication, Instant expiresAt) implements Serializable {

	private static final String ATTRIBUTE = PendingSignIn.class.getName();

	UUID accountId() {
		return UUID.fromString(this.passwordAuthentication.getName());
	}

	void store(HttpServletRequest request) {
		request.getSession().setAttribute(ATTRIBUTE, this);
	}

	/** The pending sign-in of this session, if there is one and it has not expired. */
	static PendingSignIn find(HttpServletRequest request, Instant now) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof PendingSignIn pending)) {
			return null;
		}
		if (!now.isBefore(pending.expiresAt())) {
			session.removeAttribute(ATTRIBUTE);
			return null;
		}
		return pending;
	}

	static void clear(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(ATTRIBUTE);
		}
	}

}
