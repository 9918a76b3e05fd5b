package io.latchkey.authserver.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Encrypts secrets before they are stored (private signing keys, authenticator-app
 * secrets), as a compact JWE (direct encryption with AES-256-GCM) under the key
 * encryption key from the environment.
 */
@Component
public class KeyEncryptor {

	private static final Log logger = LogFactory.getLog(KeyEncryptor.class);

	private static final String DEVELOPMENT_SECRET = "latchkey development key encryption key";

	private final SecretKey key;

	KeyEncryptor(KeyProperties properties) {
		this.key = new SecretKeySpec(keyBytes(properties.encryptionKey()), "AES");
	}

	public String encrypt(String plaintext) {
		try {
			JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
					new Payload(plaintext));
			jwe.encrypt(new DirectEncrypter(this.key));
			return jwe.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not encrypt a secret", ex);
		}
	}

	public String decrypt(String ciphertext) {
		try {
			JWEObject jwe = JWEObject.parse(ciphertext);
			jwe.decrypt(new DirectDecrypter(this.key));
			return jwe.getPayload().toString();
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException(
					"Could not decrypt a stored secret: is LATCHKEY_KEY_ENCRYPTION_KEY the one it was stored with?",
					ex);
		}
	}

	private static byte[] keyBytes(String configured) {
		if (!StringUtils.hasText(configured)) {
			logger.warn("LATCHKEY_KEY_ENCRYPTION_KEY is not set: signing keys are encrypted with the built-in "
					+ "development key. Set it to base64 of 32 random bytes (openssl rand -base64 32) in production.");
			return sha256(DEVELOPMENT_SECRET);
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(configured.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("latchkey.keys.encryption-key must be base64", ex);
		}
		if (bytes.length != 32) {
			throw new IllegalStateException(
					"latchkey.keys.encryption-key must be base64 of exactly 32 bytes, not " + bytes.length);
		}
		return bytes;
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
