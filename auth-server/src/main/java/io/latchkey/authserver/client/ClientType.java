package io.latchkey.authserver.client;

/**
 * The kinds of client Latchkey registers, each with its own grants and authentication.
 */
public enum ClientType {

	/**
	 * A server-side web application: authorization code with PKCE, a secret, refresh
	 * tokens.
	 */
	WEB,

	/** A single-page or native application: authorization code with PKCE, no secret. */
	PUBLIC,

	/** A service acting on its own behalf: client_credentials with a secret. */
	SERVICE

}
