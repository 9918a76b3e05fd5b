package io.latchkey.authserver.key;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KeyEncryptorTests {

	private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	@Test
	void encryptWhenDecryptedWithSameKeyThenSamePlaintext() {
		KeyEncryptor encryptor = new KeyEncryptor(new KeyProperties(KEY, null, null, null, null));

		String encrypted = encryptor.encrypt("private key");

		assertThat(encrypted).doesNotContain("private key");
		assertThat(encryptor.decrypt(encrypted)).isEqualTo("private key");
	}

	@Test
	void encryptWhenSamePlaintextTwiceThenDifferentCiphertexts() {
		KeyEncryptor encryptor = new KeyEncryptor(new KeyProperties(KEY, null, null, null, null));

		assertThat(encryptor.encrypt("same")).isNotEqualTo(encryptor.encrypt("same"));
	}

	@Test
	void constructWhenKeyNotBase64ThenRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new KeyEncryptor(new KeyProperties("not base64!", null, null, null, null)))
			.withMessageContaining("base64");
	}

	@Test
	void constructWhenKeyNot32BytesThenRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new KeyEncryptor(new KeyProperties("c2hvcnQ=", null, null, null, null)))
			.withMessageContaining("32 bytes");
	}

	@Test
	void decryptWhenCiphertextTamperedThenRefused() {
		KeyEncryptor encryptor = new KeyEncryptor(new KeyProperties(KEY, null, null, null, null));
		String encrypted = encryptor.encrypt("private key");
		String tampered = encrypted.substring(0, encrypted.length() - 2) + "AA";

		assertThatIllegalStateException().isThrownBy(() -> encryptor.decrypt(tampered));
	}

}
