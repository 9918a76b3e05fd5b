package io.latchkey.authserver.crypto;

import java.util.Base64;

import org.springframework.security.crypto.keygen.BytesKeyGenerator;
import org.springframework.security.crypto.keygen.KeyGenerators;

/** Unguessable values from Spring Security's secure random key generator. */
public final class RandomTokens {

	private static final BytesKeyGenerator bits256 = KeyGenerators.secureRandom(32);

	private RandomTokens() {
	}

	/** 256 random bits as 43 characters of unpadded base64url. */
	public static String urlSafe() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bits256.generateKey());
	}

	/** The given number of random bytes. */
	public static byte[] bytes(int length) {
		return KeyGenerators.secureRandom(length).generateKey();
	}

}
