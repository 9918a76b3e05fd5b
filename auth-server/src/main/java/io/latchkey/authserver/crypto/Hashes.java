package io.latchkey.authserver.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 of a text (its UTF-8 bytes), as hex or as unpadded base64url. */
public final class Hashes {

	private Hashes() {
	}

	/**
	 * How stored one-time values (links, recovery codes, used refresh tokens) are kept.
	 */
	public static String sha256Hex(String value) {
		return HexFormat.of().formatHex(sha256(value));
	}

	/** As PKCE's S256 (RFC 7636 section 4.2) and the library's session ids write it. */
	public static String sha256Base64Url(String value) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(value));
	}

	public static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
