package io.latchkey.authserver.client;

import java.time.Duration;

import io.latchkey.authserver.support.MovableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientSecretsTests {

	private static final String SECRET = "a-long-random-client-secret-0123456789";

	private final MovableClock clock = new MovableClock();

	private final ClientSecrets secrets = new ClientSecrets(this.clock);

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

	@Test
	void rotationWhenInGracePeriodThenBothSecretsMatchAndAfterwardsOnlyTheNewOne() {
		String oldSecret = ClientSecrets.generate();
		String newSecret = ClientSecrets.generate();
		String rotated = this.secrets.encodeRotation("c", newSecret, this.secrets.encode("c", oldSecret),
				this.clock.instant().plus(Duration.ofHours(1)));
		PasswordEncoder encoder = this.secrets.passwordEncoder();

		assertThat(encoder.matches(newSecret, rotated)).isTrue();
		assertThat(encoder.matches(oldSecret, rotated)).isTrue();
		assertThat(encoder.matches("some-other-secret-that-is-long-enough!", rotated)).isFalse();
		assertThat(encoder.upgradeEncoding(rotated)).isFalse();
		assertThat(this.secrets.previousSecretValidUntil(rotated)).isNotNull();

		this.clock.advance(Duration.ofHours(1).plusSeconds(1));
		assertThat(encoder.matches(newSecret, rotated)).isTrue();
		assertThat(encoder.matches(oldSecret, rotated)).isFalse();
		assertThat(this.secrets.previousSecretValidUntil(rotated)).isNull();
	}

	@Test
	void rotationWhenNoGracePeriodThenOnlyTheNewSecretIsStored() {
		String oldSecret = ClientSecrets.generate();
		String newSecret = ClientSecrets.generate();
		String rotated = this.secrets.encodeRotation("c", newSecret, this.secrets.encode("c", oldSecret),
				this.clock.instant());

		assertThat(rotated).doesNotStartWith("{rotating}");
		assertThat(this.secrets.passwordEncoder().matches(oldSecret, rotated)).isFalse();
		assertThat(ClientSecrets.generate()).hasSize(43);
	}

}
