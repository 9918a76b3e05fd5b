package io.latchkey.authserver.account;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.latchkey.authserver.audit.AuditEvent;
import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AtOnce;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.MovableClock;
import io.latchkey.authserver.support.Person;
import io.latchkey.authserver.support.TestMailServer;
import io.latchkey.authserver.support.TestMailServer.ReceivedMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class EmailVerificationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	AuditLog audit;

	@Autowired
	MovableClock clock;

	Person person;

	String email;

	@BeforeEach
	void setUp() {
		this.person = Person.registered(this.port);
		this.email = this.person.email();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void registerThenMailedLinkVerifiesAddress() {
		ReceivedMail mail = TestMailServer.awaitMessage(this.email, 1);
		assertThat(mail.subject()).isEqualTo("Verify your e-mail address for Latchkey");
		assertThat(mail.from()).contains("no-reply@");
		assertThat(account().isEmailVerified()).isFalse();

		Response page = new HttpUserAgent(this.person.browser().baseUrl()).get(mail.link("/verify-email?token="));

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.document().select("#outcome").text()).contains("your e-mail address is verified");
		assertThat(account().isEmailVerified()).isTrue();
		assertThat(eventTypes()).contains(AuditEventType.REGISTERED, AuditEventType.EMAIL_VERIFICATION_SENT,
				AuditEventType.EMAIL_VERIFIED);
	}

	@Test
	void verificationLinkWhenOpenedByRequestsAtOnceThenOneVerifies() {
		String link = TestMailServer.awaitMessage(this.email, 1).link("/verify-email?token=");

		List<String> outcomes = AtOnce.run(6,
				() -> new HttpUserAgent(this.person.browser().baseUrl()).get(link)
					.document()
					.select("#outcome")
					.text());

		assertThat(outcomes).filteredOn((outcome) -> outcome.contains("your e-mail address is verified")).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> outcome.contains("invalid, has expired or was used")).hasSize(5);
		assertThat(eventTypes()).containsOnlyOnce(AuditEventType.EMAIL_VERIFIED);
	}

	@Test
	void verificationLinkWhenUsedTwiceThenSecondUseRefused() {
		String link = TestMailServer.awaitMessage(this.email, 1).link("/verify-email?token=");
		this.person.browser().get(link);

		Response again = this.person.browser().get(link);

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.document().select("#outcome").text()).contains("invalid, has expired or was used");
	}

	@Test
	void verificationLinkWhenExpiredThenRefusedAndAddressStaysUnverified() {
		String link = TestMailServer.awaitMessage(this.email, 1).link("/verify-email?token=");
		this.clock.advance(Duration.ofHours(24).plusMinutes(1));

		Response page = this.person.browser().get(link);

		assertThat(page.document().select("#outcome").text()).contains("invalid, has expired or was used");
		assertThat(account().isEmailVerified()).isFalse();
	}

	@Test
	void verificationLinkWhenTokenTamperedOrMissingThenRefused() {
		String link = TestMailServer.awaitMessage(this.email, 1).link("/verify-email?token=");

		assertThat(this.person.browser().get(link + "x").document().select("#outcome").text()).contains("invalid");
		assertThat(this.person.browser().get("/verify-email").document().select("#outcome").text()).contains("invalid");
		assertThat(account().isEmailVerified()).isFalse();
	}

	@Test
	void resendWhenRequestedThenOnlyTheNewestLinkWorks() {
		String first = TestMailServer.awaitMessage(this.email, 1).link("/verify-email?token=");

		Response sent = this.person.browser()
			.follow(this.person.browser()
				.submitForm("/verify-email/resend", "form[action$=/verify-email/resend]",
						Map.of("email", this.email.toUpperCase())));
		String second = TestMailServer.awaitMessage(this.email, 2).link("/verify-email?token=");

		assertThat(sent.document().select("[role=status]").text()).contains("a new link is on its way");
		assertThat(this.person.browser().get(first).document().select("#outcome").text()).contains("invalid");
		assertThat(this.person.browser().get(second).document().select("#outcome").text()).contains("verified");
	}

	@Test
	void resendWhenAddressUnknownThenSameAnswerAndNoMail() {
		String unknown = Accounts.emailOf(Accounts.newUsername());

		Response known = this.person.browser()
			.follow(this.person.browser()
				.submitForm("/verify-email/resend", "form[action$=/verify-email/resend]", Map.of("email", this.email)));
		Response other = this.person.browser()
			.follow(this.person.browser()
				.submitForm("/verify-email/resend", "form[action$=/verify-email/resend]", Map.of("email", unknown)));

		assertThat(other.status()).isEqualTo(known.status());
		assertThat(other.document().select("main").text()).isEqualTo(known.document().select("main").text());
		TestMailServer.awaitMessage(this.email, 2);
		assertThat(TestMailServer.messagesTo(unknown)).isEmpty();
	}

	@Test
	void homeWhenAddressUnverifiedThenSaysSoAndOffersNewLink() {
		this.person.browser().follow(Accounts.signIn(this.person.browser(), this.person.username(), Accounts.PASSWORD));

		Response home = this.person.browser().get("/");
		assertThat(home.document().select("#email-status").text()).isEqualTo("not verified");

		Response resent = this.person.browser()
			.follow(this.person.browser().submitForm(home, "form[action$=/verify-email/resend/mine]", Map.of()));
		assertThat(resent.document().select("[role=status]").text()).contains("verification link is on its way");
		this.person.browser().get(TestMailServer.awaitMessage(this.email, 2).link("/verify-email?token="));
		assertThat(this.person.browser().get("/").document().select("#email-status").text()).isEqualTo("verified");
	}

	private UserAccount account() {
		return this.accounts.findByUsername(this.person.username()).orElseThrow();
	}

	private List<AuditEventType> eventTypes() {
		return this.audit.recentFor(account().getId(), 20).stream().map(AuditEvent::type).toList();
	}

}
