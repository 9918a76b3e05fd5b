package io.latchkey.authserver.client;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.latchkey.authserver.crypto.RandomTokens;

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

	private static final String ROTATING = "{rotating}";

	private final PasswordEncoder stored = new DelegatingPasswordEncoder(SHA256,
			// Argon2id hashes of earlier versions still match, and are re-hashed at the
			// client's next authentication
			Map.of(SHA256, new SaltedSha256SecretEncoder(), "argon2", new Argon2PasswordEncoder(16, 32, 1, 19456, 2)));

	private final PasswordEncoder encoder = new RotatingSecretEncoder();

	private final Clock clock;

	ClientSecrets(Clock clock) {
		this.clock = clock;
	}

	/** A new secret from the server: 256 random bits, 43 characters. */
	public static String generate() {
		return RandomTokens.urlSafe();
	}

	/**
	 * The stored form of a rotation: the new secret, and the previous stored secret that
	 * keeps working until {@code previousValidUntil} so that a deployment can roll.
	 */
	public String encodeRotation(String clientId, String newRawSecret, String previousEncoded,
			Instant previousValidUntil) {
		String current = encode(clientId, newRawSecret);
		String previous = currentPart(previousEncoded);
		if (previous == null || !previousValidUntil.isAfter(this.clock.instant())) {
			return current;
		}
		return ROTATING + current + " " + previous + " " + previousValidUntil.getEpochSecond();
	}

	/** Until when the previous secret of a rotation works, or null if none does. */
	public Instant previousSecretValidUntil(String encoded) {
		if (encoded == null || !encoded.startsWith(ROTATING)) {
			return null;
		}
		Instant until = Instant.ofEpochSecond(Long.parseLong(encoded.split(" ")[2]));
		return until.isAfter(this.clock.instant()) ? until : null;
	}

	private static String currentPart(String encoded) {
		if (encoded == null) {
			return null;
		}
		return encoded.startsWith(ROTATING) ? encoded.substring(ROTATING.length()).split(" ")[0] : encoded;
	}

	/**
	 * The stored form of a secret, refused when it is too short to be safe with a fast
	 * hash.
	 */
	public String encode(String clientId, String rawSecret) {
		if (rawSecret == null || rawSecret.length() < MINIMUM_LENGTH) {
			throw new IllegalArgumentException("The secret of client " + clientId + " must have at least "
					+ MINIMUM_LENGTH + " characters (generate one with: openssl rand -base64 32)");
		}
		return this.stored.encode(rawSecret);
	}

	/** What the token, introspection and revocation endpoints check secrets with. */
	public PasswordEncoder passwordEncoder() {
		return this.encoder;
	}

	/**
	 * Checks a secret against the stored form, including both secrets of a rotation while
	 * the previous one is still valid. A rotation is never "upgraded": re-encoding the
	 * secret the client just used would drop the other one.
	 */
	private final class RotatingSecretEncoder implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawSecret) {
			return ClientSecrets.this.stored.encode(rawSecret);
		}

		@Override
		public boolean matches(CharSequence rawSecret, String encoded) {
			if (encoded == null || !encoded.startsWith(ROTATING)) {
				return ClientSecrets.this.stored.matches(rawSecret, encoded);
			}
			String[] parts = encoded.substring(ROTATING.length()).split(" ");
			if (ClientSecrets.this.stored.matches(rawSecret, parts[0])) {
				return true;
			}
			Instant previousValidUntil = Instant.ofEpochSecond(Long.parseLong(parts[2]));
			return previousValidUntil.isAfter(ClientSecrets.this.clock.instant())
					&& ClientSecrets.this.stored.matches(rawSecret, parts[1]);
		}

		@Override
		public boolean upgradeEncoding(String encoded) {
			return encoded != null && !encoded.startsWith(ROTATING)
					&& ClientSecrets.this.stored.upgradeEncoding(encoded);
		}

	}

}
