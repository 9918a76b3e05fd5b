package io.latchkey.authserver.client;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientSecretsTests {

	private static final String SECRET = "a-long-random-client-secret-0123456789";

	private final ClientSecrets secrets = new ClientSecrets();

	@Test
	void encodeWhenSecretLongEnoughThenSaltedSha256ThatMatchesOnlyTheSecret() {
		String stored = this.secrets.encode("app", SECRET);

		assertThat(stored).startsWith("{sha256}").doesNotContain(SECRET);
		assertThat(this.secrets.passwordEncoder().matches(SECRET, stored)).isTrue();
		assertThat(this.secrets.passwordEncoder().matches(SECRET + "x", stored)).isFalse();
		assertThat(this.secrets.passwordEncoder().matches("", stored)).isFalse();
	}

	@Test
	void encodeWhenSameSecretTwiceThenDifferentSalts() {
		assertThat(this.secrets.encode("app", SECRET)).isNotEqualTo(this.secrets.encode("app", SECRET));
	}

	@Test
	void encodeWhenSecretShorterThan32CharactersThenRefusedNamingTheClient() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.secrets.encode("weak-app", "short-secret"))
			.withMessageContaining("weak-app")
			.withMessageContaining("32 characters");
	}

	@Test
	void matchesWhenStoredValueMalformedThenFalseNotAnError() {
		assertThat(this.secrets.passwordEncoder().matches(SECRET, "{sha256}no-separator")).isFalse();
		assertThat(this.secrets.passwordEncoder().matches(SECRET, "{sha256}!!!$???")).isFalse();
	}

	@Test
	void matchesWhenStoredAsArgon2ThenStillMatchesAndAsksForUpgrade() {
		String argon2 = "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 8192, 1).encode(SECRET);

		assertThat(this.secrets.passwordEncoder().matches(SECRET, argon2)).isTrue();
		assertThat(this.secrets.passwordEncoder().upgradeEncoding(argon2)).isTrue();
	}

}
