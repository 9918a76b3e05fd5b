package io.latchkey.authserver.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** A PKCE verifier and its S256 challenge (RFC 7636 section 4). */
public record Pkce(String verifier, String challenge) {

	public static Pkce generate() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		return new Pkce(verifier, challengeOf(verifier));
	}

	public static String challengeOf(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
