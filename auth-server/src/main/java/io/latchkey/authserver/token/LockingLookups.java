package io.latchkey.authserver.token;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * An authorization service that can lock the row holding a one-time grant as it loads it
 * ({@code select ... for update}), and answer the library's lookup of that grant in the
 * same transaction from what it loaded: the lock and the lookup are one statement.
 * {@link SingleUseGrants} uses it where the service offers it.
 */
public interface LockingLookups {

	/**
	 * Locks, until the current transaction ends, the row whose {@code type} token is
	 * {@code token}, and keeps it for this transaction's next lookups of that token.
	 */
	void lockAndLoad(String token, OAuth2TokenType type);

}
