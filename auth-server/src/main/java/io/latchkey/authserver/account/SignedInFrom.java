package io.latchkey.authserver.account;

import java.io.Serial;
import java.io.Serializable;

/**
 * Where a session is used from, kept in the session (which lives in the database) so that
 * the person sees it on "Where you are signed in": the browser's User-Agent and the
 * client address of its latest request. Stored serialized; never rename it.
 *
 * @param userAgent the User-Agent header, cut to {@link #MAX_USER_AGENT} characters
 * @param address the client address
 */
record SignedInFrom(String userAgent, String address) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	static final String ATTRIBUTE = "io.latchkey.signed-in-from";

	static final int MAX_USER_AGENT = 300;

}
