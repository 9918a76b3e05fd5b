package io.latchkey.authserver.support;

import java.util.Map;
import java.util.UUID;

/** Registers and signs in people through the real pages. */
public final class Accounts {

	public static final String PASSWORD = "correct horse battery staple";

	private Accounts() {
	}

	/** A fresh username, unique in this test run. */
	public static String newUsername() {
		return "user" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	/** The address every test account registers with. */
	public static String emailOf(String username) {
		return username + "@example.com";
	}

	public static HttpUserAgent.Response register(HttpUserAgent agent, String username) {
		return agent.submitForm("/register", "form[action$=/register]", Map.of("username", username, "email",
				emailOf(username), "password", PASSWORD, "confirmPassword", PASSWORD));
	}

	/** Registers a fresh account and signs the agent in with it; answers its username. */
	public static String registerAndSignIn(HttpUserAgent agent) {
		String username = newUsername();
		register(agent, username);
		agent.follow(signIn(agent, username, PASSWORD));
		return username;
	}

	/** Posts the sign-in form; answers the server's response (a redirect on success). */
	public static HttpUserAgent.Response signIn(HttpUserAgent agent, String username, String password) {
		return agent.submitForm("/login", "form[action$=/login]", Map.of("username", username, "password", password));
	}

}
