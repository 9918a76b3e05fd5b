package io.latchkey.authserver.client;

import java.util.Map;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * How client secrets are stored and checked. Unlike passwords they must be long and
 * random, so a salted SHA-256 protects them; the memory-hard password hash would make
 * every client authentication (every token, refresh and introspection request) cost as
 * much as a person's sign-in. Deliberately not a {@link PasswordEncoder} bean, so that
 * people's passwords never go through it.
 */
@Component
public class ClientSecrets {

	/** 32 characters: well over 112 bits for any secret from a random generator. */
	public static final int MINIMUM_LENGTH = 32;

	private static final String SHA256 = "sha256";

	private final PasswordEncoder encoder = new DelegatingPasswordEncoder(SHA256,
			// Argon2id hashes of earlier versions still match, and are re-hashed at the
			// client's next authentication
			Map.of(SHA256, new SaltedSha256SecretEncoder(), "argon2", new Argon2PasswordEncoder(16, 32, 1, 19456, 2)));

	/**
	 * The stored form of a secret, refused when it is too short to be safe with a fast
	 * hash.
	 */
	public String encode(String clientId, String rawSecret) {
		if (rawSecret == null || rawSecret.length() < MINIMUM_LENGTH) {
			throw new IllegalArgumentException("The secret of client " + clientId + " must have at least "
					+ MINIMUM_LENGTH + " characters (generate one with: openssl rand -base64 32)");
		}
		return this.encoder.encode(rawSecret);
	}

	/** What the token, introspection and revocation endpoints check secrets with. */
	public PasswordEncoder passwordEncoder() {
		return this.encoder;
	}

}
