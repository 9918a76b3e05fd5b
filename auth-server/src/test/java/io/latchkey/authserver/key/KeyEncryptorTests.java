package io.latchkey.authserver.key;

import java.util.Map;

import io.latchkey.authserver.support.BoundProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KeyEncryptorTests {

	private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	@Test
	void encryptWhenDecryptedWithSameKeyThenSamePlaintext() {
		KeyEncryptor encryptor = new KeyEncryptor(keys(KEY));

		String encrypted = encryptor.encrypt("private key");

		assertThat(encrypted).doesNotContain("private key");
		assertThat(encryptor.decrypt(encrypted)).isEqualTo("private key");
	}

	@Test
	void encryptWhenSamePlaintextTwiceThenDifferentCiphertexts() {
		KeyEncryptor encryptor = new KeyEncryptor(keys(KEY));

		assertThat(encryptor.encrypt("same")).isNotEqualTo(encryptor.encrypt("same"));
	}

	@Test
	void constructWhenKeyNotBase64ThenRefused() {
		assertThatIllegalStateException().isThrownBy(() -> new KeyEncryptor(keys("not base64!")))
			.withMessageContaining("base64");
	}

	@Test
	void constructWhenKeyNot32BytesThenRefused() {
		assertThatIllegalStateException().isThrownBy(() -> new KeyEncryptor(keys("c2hvcnQ=")))
			.withMessageContaining("32 bytes");
	}

	@Test
	void decryptWhenCiphertextTamperedThenRefused() {
		KeyEncryptor encryptor = new KeyEncryptor(keys(KEY));
		String encrypted = encryptor.encrypt("private key");
		String tampered = encrypted.substring(0, encrypted.length() - 2) + "AA";

		assertThatIllegalStateException().isThrownBy(() -> encryptor.decrypt(tampered));
	}

	private static KeyProperties keys(String encryptionKey) {
		return BoundProperties.bind(KeyProperties.class, "latchkey.keys",
				Map.of("latchkey.keys.encryption-key", encryptionKey));
	}

}
