package io.latchkey.authserver.authorization;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Revokes everything a user has granted. Deleting the stored authorizations makes every
 * refresh token, authorization code and stored access token of the user unusable
 * (introspection answers inactive); self-contained access tokens already handed out stay
 * valid until they expire, which is why their lifetime is short.
 */
@Component
class AuthorizationRevocation {

	private final JdbcClient jdbc;

	AuthorizationRevocation(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Revokes every authorization of the principal; returns how many there were. */
	public int revokeAuthorizations(String principalName) {
		return this.jdbc.sql("delete from oauth2_authorization where principal_name = ?").param(principalName).update();
	}

	/** Revokes every authorization the principal gave one client. */
	public int revokeAuthorizations(String principalName, String registeredClientId) {
		return this.jdbc.sql("delete from oauth2_authorization where principal_name = ? and registered_client_id = ?")
			.params(principalName, registeredClientId)
			.update();
	}

	/** Forgets the principal's consents, so every client asks again. */
	public int revokeConsents(String principalName) {
		return this.jdbc.sql("delete from oauth2_authorization_consent where principal_name = ?")
			.param(principalName)
			.update();
	}

}
