package io.latchkey.authserver.login;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.audit.AuditEvent;
import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.MovableClock;
import io.latchkey.authserver.support.Person;
import io.latchkey.authserver.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttles at their shipped settings for sign-in (3 free failures, then 1 s doubling
 * up to 30 s, a 15-minute lock after 10), and small limits for the request pages. Time is
 * moved with the test clock, never waited for.
 */
@AuthServerIntegrationTest
@TestPropertySource(properties = { "latchkey.throttle.requests-per-address.free-attempts=2",
		"latchkey.throttle.requests-per-address.first-delay=1m",
		"latchkey.throttle.requests-per-address.maximum-delay=5m", "latchkey.throttle.mail-per-address.free-attempts=2",
		"latchkey.throttle.mail-per-address.first-delay=10m", "latchkey.throttle.mail-per-address.maximum-delay=30m",
		"latchkey.throttle.mail-per-address.forget-after=6h",
		"latchkey.throttle.requests-per-address.forget-after=30m" })
class ThrottlingIntegrationTests {

	private static final String WRONG = "not the right password";

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog audit;

	@Autowired
	UserAccountRepository accounts;

	Person person;

	@BeforeEach
	void setUp() {
		this.person = Person.registered(this.port);
		this.jdbc.sql("delete from attempt_throttle").update();
	}

	@AfterEach
	void tearDown() {
		this.clock.reset();
		this.jdbc.sql("delete from attempt_throttle").update();
	}

	@Test
	void signInWhenFailuresExceedFreeAttemptsThenEvenRightPasswordWaitsForTheDelay() {
		for (int i = 0; i < 4; i++) {
			assertThat(signIn(this.person.username(), WRONG)).endsWith("/login?error");
		}

		assertThat(signIn(this.person.username(), Accounts.PASSWORD)).endsWith("/login?error");
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(signIn(this.person.username(), Accounts.PASSWORD)).doesNotContain("error");
	}

	@Test
	void signInWhenLockedThenRightPasswordRefusedUntilLockEndsAndOwnerIsTold() {
		failUntilLocked(this.person.username());

		assertThat(signIn(this.person.username(), Accounts.PASSWORD)).endsWith("/login?error");
		this.clock.advance(Duration.ofMinutes(14));
		assertThat(signIn(this.person.username(), Accounts.PASSWORD)).endsWith("/login?error");
		assertThat(TestMailServer.awaitMessage(this.person.email(), 2).subject())
			.isEqualTo("Sign-in to your Latchkey account is paused");
		assertThat(events()).contains(AuditEventType.LOCKED, AuditEventType.SIGN_IN_THROTTLED);

		this.clock.advance(Duration.ofMinutes(2));
		assertThat(signIn(this.person.username(), Accounts.PASSWORD)).doesNotContain("error");
	}

	@Test
	void signInWhenLockedOrUnknownOrWrongThenTheAnswerIsTheSame() {
		String wrongPassword = page(this.person.username(), WRONG);
		String unknownName = page(Accounts.newUsername(), WRONG);
		failUntilLocked(this.person.username());
		String lockedRightPassword = page(this.person.username(), Accounts.PASSWORD);
		String unknown = Accounts.newUsername();
		failUntilLocked(unknown);
		String lockedUnknown = page(unknown, WRONG);

		assertThat(wrongPassword).contains("Sign-in failed");
		assertThat(List.of(unknownName, lockedRightPassword, lockedUnknown)).containsOnly(wrongPassword);
	}

	@Test
	void signInWhenManyNamesFailFromOneAddressThenTheAddressIsSlowedDown() {
		for (int i = 0; i < 21; i++) {
			assertThat(signIn(Accounts.newUsername(), WRONG)).endsWith("/login?error");
		}

		assertThat(signIn(this.person.username(), Accounts.PASSWORD)).endsWith("/login?error");
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(signIn(this.person.username(), Accounts.PASSWORD)).doesNotContain("error");
	}

	@Test
	void signInWhenSuccessfulThenFailuresForgotten() {
		for (int i = 0; i < 3; i++) {
			signIn(this.person.username(), WRONG);
		}
		assertThat(signIn(this.person.username(), Accounts.PASSWORD)).doesNotContain("error");

		for (int i = 0; i < 3; i++) {
			assertThat(signIn(this.person.username(), WRONG)).endsWith("/login?error");
		}
		assertThat(signIn(this.person.username(), Accounts.PASSWORD)).doesNotContain("error");
	}

	@Test
	void registerWhenTooManyFromOneAddressThenRefusedWithReadableMessage() {
		for (int i = 0; i < 3; i++) {
			assertThat(Accounts.register(this.person.browser(), Accounts.newUsername()).location())
				.endsWith("/login?registered");
		}

		Response refused = Accounts.register(this.person.browser(), Accounts.newUsername());

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.document().select("[role=alert]").text()).contains("too many requests from your network");
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(Accounts.register(this.person.browser(), Accounts.newUsername()).location())
			.endsWith("/login?registered");
	}

	@Test
	void resetRequestsWhenRepeatedThenMailboxNotFloodedButAnswerUnchanged() {
		String email = this.person.email();
		TestMailServer.awaitMessage(email, 1);
		Response first = requestReset(email);
		List<String> later = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			this.clock.advance(Duration.ofMinutes(2));
			later.add(requestReset(email).location());
		}

		assertThat(later).containsOnly(first.location());
		// the verification mail, then three reset links; the fourth request sends nothing
		TestMailServer.awaitMessage(email, 4);
		assertThat(TestMailServer.messagesTo(email)).hasSize(4);
	}

	private void failUntilLocked(String name) {
		for (int i = 0; i < 10; i++) {
			signIn(name, WRONG);
			this.clock.advance(Duration.ofSeconds(31));
		}
	}

	private String signIn(String name, String password) {
		return Accounts.signIn(new HttpUserAgent(this.person.browser().baseUrl()), name, password).location();
	}

	private String page(String name, String password) {
		HttpUserAgent browser = new HttpUserAgent(this.person.browser().baseUrl());
		Response response = browser.follow(Accounts.signIn(browser, name, password));
		return response.uri().getPath() + "?" + response.uri().getQuery() + " "
				+ response.document().select("main").text();
	}

	private Response requestReset(String email) {
		return this.person.browser()
			.submitForm("/forgot-password", "form[action$=/forgot-password]", Map.of("email", email));
	}

	private List<AuditEventType> events() {
		return this.audit.recentFor(this.accounts.findByUsername(this.person.username()).orElseThrow().getId(), 50)
			.stream()
			.map(AuditEvent::type)
			.toList();
	}

}
