package io.latchkey.authserver.account;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.TestMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reset page answers before any work that depends on the address, so neither the
 * answer nor its timing tells whether an account has it (OWASP ASVS 2.5: no account
 * enumeration). The work after the answer is held here until the test lets it run.
 */
@AuthServerIntegrationTest
class PasswordResetAnswerIntegrationTests {

	static final List<Runnable> held = new CopyOnWriteArrayList<>();

	@TestBean(name = ResetRequestConfiguration.EXECUTOR)
	Executor resetRequests;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	static Executor resetRequests() {
		return held::add;
	}

	@Test
	void requestWhenAddressKnownThenAnsweredBeforeTheAccountIsLookedAt() {
		HttpUserAgent agent = new HttpUserAgent("http://localhost:" + this.port);
		String username = Accounts.newUsername();
		Accounts.register(agent, username);
		String unknown = Accounts.emailOf(Accounts.newUsername());
		held.clear();

		Response known = requestReset(agent, Accounts.emailOf(username));
		Response other = requestReset(agent, unknown);

		assertThat(known.status()).isEqualTo(other.status()).isEqualTo(302);
		assertThat(known.location()).isEqualTo(other.location());
		assertThat(held).hasSize(2);
		assertThat(resetLinks()).as("reset links made before the answer").isZero();
		held.forEach(Runnable::run);
		assertThat(resetLinks()).isEqualTo(1);
		assertThat(TestMailServer.awaitMessage(Accounts.emailOf(username), 2).subject())
			.isEqualTo("Reset your Latchkey password");
		assertThat(TestMailServer.messagesTo(unknown)).isEmpty();
	}

	private long resetLinks() {
		return this.jdbc.sql("select count(*) from account_token where purpose = 'RESET_PASSWORD'")
			.query(Long.class)
			.single();
	}

	private static Response requestReset(HttpUserAgent agent, String email) {
		return agent.submitForm("/forgot-password", "form[action$=/forgot-password]", Map.of("email", email));
	}

}
