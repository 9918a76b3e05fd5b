package io.latchkey.authserver.account;

import java.util.Map;

import io.latchkey.authserver.support.BoundProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	private final PasswordPolicy policy = new PasswordPolicy(
			BoundProperties.bind(PasswordProperties.class, "latchkey.passwords", Map.of()));

	@Test
	void commonPasswordListHasAtLeastOneHundredThousandEntries() {
		CommonPasswords list = CommonPasswords.load();

		assertThat(list.size()).isGreaterThanOrEqualTo(100_000);
		assertThat(list.contains("password1234")).isTrue();
		assertThat(list.contains("PassWord1234")).isTrue();
		assertThat(list.contains("nine unrelated words in a quiet row")).isFalse();
	}

	@Test
	void violationWhenTooShortThenTooShortCountingCharactersNotBytes() {
		assertThat(this.policy.violation("short", "alice", "alice@example.com")).isEqualTo("password.too-short");
		assertThat(this.policy.violation("ééééééééééé", "alice", "alice@example.com")).isEqualTo("password.too-short");
		assertThat(this.policy.violation("éééééééééééé", "alice", "alice@example.com")).isNull();
	}

	@Test
	void violationWhenCommonThenCommonWhateverTheCase() {
		assertThat(this.policy.violation("iloveyou1234", "alice", "alice@example.com")).isEqualTo("password.common");
		assertThat(this.policy.violation("ILoveYou1234", "alice", "alice@example.com")).isEqualTo("password.common");
	}

	@Test
	void violationWhenBuiltOnUsernameOrAddressThenLikeName() {
		assertThat(this.policy.violation("margaret.hamilton!", "margaret.hamilton", "mh@example.com"))
			.isEqualTo("password.like-name");
		assertThat(this.policy.violation("Xmargarethamilton9", "margaret.hamilton", "mh@example.com"))
			.isEqualTo("password.like-name");
		assertThat(this.policy.violation("grace.hopper@navy.mil", "admiral", "grace.hopper@navy.mil"))
			.isEqualTo("password.like-name");
	}

	@Test
	void violationWhenLongPassphraseThenAccepted() {
		assertThat(this.policy.violation("correct horse battery staple", "alice", "alice@example.com")).isNull();
		assertThat(this.policy.violation("a".repeat(20) + " quite long passphrase " + "b".repeat(200), "alice",
				"alice@example.com"))
			.isNull();
		assertThat(this.policy.violation("x".repeat(257), "alice", "alice@example.com")).isEqualTo("password.too-long");
	}

}
