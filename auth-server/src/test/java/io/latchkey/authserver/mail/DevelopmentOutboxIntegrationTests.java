package io.latchkey.authserver.mail;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.FreshDatabaseInitializer;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** Without SMTP (the one-command local start), mail lands in the development outbox. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "latchkey.passwords.argon2-memory-kib=8192", "latchkey.passwords.argon2-iterations=1" })
@ContextConfiguration(initializers = FreshDatabaseInitializer.class)
class DevelopmentOutboxIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	DevelopmentOutbox outbox;

	@Test
	void registerWhenNoSmtpThenVerificationLinkInOutboxWorks() throws InterruptedException {
		HttpUserAgent agent = new HttpUserAgent("http://localhost:" + this.port);
		String username = Accounts.newUsername();
		Accounts.register(agent, username);
		awaitMessages();

		Response page = agent.get(DevelopmentOutboxController.PATH);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.document().select(".mail .to").text()).contains(Accounts.emailOf(username));
		String link = page.document().select(".mail .links a").first().attr("href");
		assertThat(page.document().select(".mail pre").text()).contains(link);
		assertThat(agent.get(link).document().select("#outcome").text()).contains("verified");
	}

	private void awaitMessages() throws InterruptedException {
		for (int i = 0; i < 200 && this.outbox.messages().isEmpty(); i++) {
			Thread.sleep(25);
		}
	}

}
