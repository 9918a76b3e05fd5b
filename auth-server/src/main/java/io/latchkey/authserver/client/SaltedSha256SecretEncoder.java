package io.latchkey.authserver.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * {@code base64(salt)$base64(sha256(salt || secret))}, compared in constant time. Only
 * for secrets with enough entropy that guessing is hopeless (NIST SP 800-63B section
 * 5.1.2.2 allows an approved one-way function for secrets of at least 112 bits); never
 * for passwords people choose.
 */
final class SaltedSha256SecretEncoder implements PasswordEncoder {

	private static final int SALT_BYTES = 16;

	private final SecureRandom random = new SecureRandom();

	@Override
	public String encode(CharSequence rawSecret) {
		byte[] salt = new byte[SALT_BYTES];
		this.random.nextBytes(salt);
		return Base64.getEncoder().encodeToString(salt) + "$"
				+ Base64.getEncoder().encodeToString(digest(salt, rawSecret));
	}

	@Override
	public boolean matches(CharSequence rawSecret, String encoded) {
		if (rawSecret == null || encoded == null) {
			return false;
		}
		int separator = encoded.indexOf('$');
		if (separator < 0) {
			return false;
		}
		try {
			byte[] salt = Base64.getDecoder().decode(encoded.substring(0, separator));
			byte[] expected = Base64.getDecoder().decode(encoded.substring(separator + 1));
			return MessageDigest.isEqual(expected, digest(salt, rawSecret));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static byte[] digest(byte[] salt, CharSequence rawSecret) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(salt);
			sha256.update(rawSecret.toString().getBytes(StandardCharsets.UTF_8));
			return sha256.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
