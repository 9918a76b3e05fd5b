package io.latchkey.authserver.login;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.latchkey.authserver.crypto.RandomTokens;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, six
 * digits, the parameters every authenticator app supports. A code is accepted for the
 * step before and after the current one, to allow for clock drift and typing time.
 */
final class Totp {

	static final int STEP_SECONDS = 30;

	static final int DIGITS = 6;

	private static final int ALLOWED_DRIFT_STEPS = 1;

	private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

	private Totp() {
	}

	/** A new 160-bit secret (RFC 4226 recommends the HMAC-SHA1 output length). */
	static byte[] newSecret() {
		return RandomTokens.bytes(20);
	}

	static long step(Instant time) {
		return time.getEpochSecond() / STEP_SECONDS;
	}

	/** The code for one step (RFC 4226 section 5.3, dynamic truncation). */
	static String code(byte[] secret, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret, "HmacSHA1"));
			byte[] hash = mac.doFinal(longBytes(step));
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format("%0" + DIGITS + "d", binary % 1_000_000);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The step the code belongs to, within the allowed drift of now, or -1 when it
	 * matches none. Compared in constant time.
	 */
	static long matchingStep(byte[] secret, String code, Instant now) {
		if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
			return -1;
		}
		long current = step(now);
		long found = -1;
		for (long step = current - ALLOWED_DRIFT_STEPS; step <= current + ALLOWED_DRIFT_STEPS; step++) {
			if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
					code.getBytes(StandardCharsets.US_ASCII))) {
				found = step;
			}
		}
		return found;
	}

	/** The otpauth URI that authenticator apps read from the QR code. */
	static String provisioningUri(byte[] secret, String issuer, String accountName) {
		String label = encode(issuer) + ":" + encode(accountName);
		return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
				+ "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
	}

	/** RFC 4648 base32 without padding, as authenticator apps expect the secret. */
	static String base32(byte[] bytes) {
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(BASE32[(buffer >> (bits - 5)) & 0x1f]);
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(BASE32[(buffer << (5 - bits)) & 0x1f]);
		}
		return out.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static byte[] longBytes(long value) {
		byte[] bytes = new byte[8];
		for (int i = 7; i >= 0; i--) {
			bytes[i] = (byte) (value & 0xff);
			value >>= 8;
		}
		return bytes;
	}

}
