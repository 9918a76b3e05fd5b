package io.latchkey.authserver.support;

/**
 * A person with an account made through the real registration page, and the browser they
 * made it with (signed out: registration does not sign in).
 *
 * @param browser their browser, with its cookie jar
 * @param username the account's name; its address is {@link #email()}
 */
public record Person(HttpUserAgent browser, String username) {

	/** A fresh account, registered from a new browser at the server on this port. */
	public static Person registered(int port) {
		HttpUserAgent browser = new HttpUserAgent("http://localhost:" + port);
		String username = Accounts.newUsername();
		Accounts.register(browser, username);
		return new Person(browser, username);
	}

	public String email() {
		return Accounts.emailOf(this.username);
	}

}
