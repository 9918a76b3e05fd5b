package io.latchkey.authserver.support;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an authenticator app computes, written here from RFC 6238 independently of the
 * server's code: the six-digit code for a base32 secret at a time.
 */
public final class TotpCodes {

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private TotpCodes() {
	}

	public static String code(String base32Secret, Instant time) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(decode(base32Secret), "HmacSHA1"));
			long counter = time.getEpochSecond() / 30;
			byte[] message = java.nio.ByteBuffer.allocate(8).putLong(counter).array();
			byte[] hash = mac.doFinal(message);
			int offset = hash[19] & 0xf;
			int value = java.nio.ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
			return String.format(Locale.ROOT, "%06d", value % 1_000_000);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] decode(String base32) {
		String clean = base32.replace(" ", "").toUpperCase(Locale.ROOT);
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : clean.toCharArray()) {
			buffer = (buffer << 5) | BASE32.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out.write((buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		return out.toByteArray();
	}

}
