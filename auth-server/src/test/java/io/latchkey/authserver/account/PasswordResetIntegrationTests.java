package io.latchkey.authserver.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AtOnce;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.MovableClock;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Person;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import io.latchkey.authserver.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class PasswordResetIntegrationTests {

	private static final String NEW_PASSWORD = "a brand new passphrase after reset";

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	MovableClock clock;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	Person person;

	String email;

	@BeforeEach
	void setUp() {
		this.person = Person.registered(this.port);
		this.email = this.person.email();
		TestMailServer.awaitMessage(this.email, 1);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void requestWhenAddressKnownOrUnknownThenSameAnswerAndMailOnlyToTheAccount() {
		String unknown = Accounts.emailOf(Accounts.newUsername());

		Response known = requestReset(this.email);
		Response other = requestReset(unknown);

		assertThat(other.status()).isEqualTo(known.status()).isEqualTo(302);
		assertThat(other.location()).isEqualTo(known.location());
		String knownPage = this.person.browser().follow(known).document().select("main").text();
		assertThat(knownPage).contains("If an account has this address");
		assertThat(TestMailServer.awaitMessage(this.email, 2).subject()).isEqualTo("Reset your Latchkey password");
		assertThat(TestMailServer.messagesTo(unknown)).isEmpty();
	}

	@Test
	void resetWhenLinkFollowedThenNewPasswordWorksOldDoesNotAndNoticeSent() {
		requestReset(this.email);
		String link = TestMailServer.awaitMessage(this.email, 2).link("/reset-password?token=");

		Response done = choosePassword(new HttpUserAgent(this.person.browser().baseUrl()), link, NEW_PASSWORD);

		assertThat(done.location()).endsWith("/login?reset");
		assertThat(Accounts
			.signIn(new HttpUserAgent(this.person.browser().baseUrl()), this.person.username(), Accounts.PASSWORD)
			.location()).endsWith("/login?error");
		assertThat(Accounts
			.signIn(new HttpUserAgent(this.person.browser().baseUrl()), this.person.username(), NEW_PASSWORD)
			.location()).doesNotContain("error");
		assertThat(TestMailServer.awaitMessage(this.email, 3).subject())
			.isEqualTo("Your Latchkey password has changed");
	}

	@Test
	void resetWhenDoneThenOtherSessionsEndAndRefreshTokensAreRevoked() {
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		OAuthFlows flows = new OAuthFlows(this.person.browser());
		Pkce pkce = Pkce.generate();
		String code = flows.code(flows.authorizeSigningIn(
				flows.authorizationUrl(client.getClientId(), "openid", pkce, Map.of()), this.person.username()));
		TokenResponse tokens = flows.exchangeCode(client.getClientId(), code, pkce.verifier());
		assertThat(this.person.browser().get("/").status()).isEqualTo(200);

		requestReset(this.email);
		choosePassword(new HttpUserAgent(this.person.browser().baseUrl()),
				TestMailServer.awaitMessage(this.email, 2).link("/reset-password?token="), NEW_PASSWORD);

		assertThat(this.person.browser().get("/").location()).endsWith("/login");
		TokenResponse refreshed = flows.tokenRequest(client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token")));
		assertThat(refreshed.status()).isEqualTo(400);
		assertThat(refreshed.error()).isEqualTo("invalid_grant");
	}

	@Test
	void resetWhenOneLinkIsSubmittedFromSeveralTabsAtOnceThenOnePasswordIsSet() {
		requestReset(this.email);
		String link = TestMailServer.awaitMessage(this.email, 2).link("/reset-password?token=");
		List<HttpUserAgent> tabs = new ArrayList<>();
		List<Response> forms = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			tabs.add(new HttpUserAgent(this.person.browser().baseUrl()));
			forms.add(tabs.get(i).get(link));
		}
		AtomicInteger next = new AtomicInteger();

		List<String> outcomes = AtOnce.run(6, () -> {
			int tab = next.getAndIncrement();
			String password = "tab " + tab + " chose this passphrase";
			return tabs.get(tab)
				.follow(tabs.get(tab)
					.submitForm(forms.get(tab), "form[action$=/reset-password]",
							Map.of("password", password, "confirmPassword", password)))
				.document()
				.select("#outcome")
				.text();
		});

		assertThat(outcomes).filteredOn((outcome) -> outcome.contains("invalid, has expired or was used")).hasSize(5);
		// read from the stored hash: signing in with five wrong passwords first would
		// pause the account and refuse the right one too
		String hash = this.accounts.findByUsername(this.person.username()).orElseThrow().getPasswordHash();
		List<Integer> chosen = new ArrayList<>();
		for (int tab = 0; tab < 6; tab++) {
			if (this.passwordEncoder.matches("tab " + tab + " chose this passphrase", hash)) {
				chosen.add(tab);
			}
		}
		assertThat(chosen).as("tabs whose password is the account's").hasSize(1);
		assertThat(Accounts
			.signIn(new HttpUserAgent(this.person.browser().baseUrl()), this.person.username(),
					"tab " + chosen.get(0) + " chose this passphrase")
			.location()).doesNotContain("error");
	}

	@Test
	void resetWhenLinkUsedTwiceThenSecondUseRefused() {
		requestReset(this.email);
		String link = TestMailServer.awaitMessage(this.email, 2).link("/reset-password?token=");
		HttpUserAgent browser = new HttpUserAgent(this.person.browser().baseUrl());
		Response form = browser.get(link);
		choosePassword(browser, link, NEW_PASSWORD);

		Response reopened = browser.get(link);
		Response resubmitted = browser.submitForm(form, "form[action$=/reset-password]",
				Map.of("password", "yet another passphrase here", "confirmPassword", "yet another passphrase here"));

		assertThat(reopened.document().select("#outcome").text()).contains("invalid, has expired or was used");
		assertThat(resubmitted.document().select("#outcome").text()).contains("invalid, has expired or was used");
	}

	@Test
	void resetWhenLinkExpiredThenRefused() {
		requestReset(this.email);
		String link = TestMailServer.awaitMessage(this.email, 2).link("/reset-password?token=");
		this.clock.advance(Duration.ofMinutes(31));

		assertThat(this.person.browser().get(link).document().select("#outcome").text()).contains("has expired");
	}

	@Test
	void resetWhenNewPasswordIsCommonThenRefusedAndLinkStillWorks() {
		requestReset(this.email);
		String link = TestMailServer.awaitMessage(this.email, 2).link("/reset-password?token=");

		Response refused = choosePassword(this.person.browser(), link, "password1234");

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.document().select("#password-errors").text()).contains("commonly used");
		assertThat(choosePassword(this.person.browser(), link, NEW_PASSWORD).location()).endsWith("/login?reset");
	}

	@Test
	void resetWhenNewlyRequestedThenEarlierLinkStopsWorking() {
		requestReset(this.email);
		String first = TestMailServer.awaitMessage(this.email, 2).link("/reset-password?token=");
		requestReset(this.email);
		String second = TestMailServer.awaitMessage(this.email, 3).link("/reset-password?token=");

		assertThat(this.person.browser().get(first).document().select("#outcome").text()).contains("invalid");
		assertThat(this.person.browser().get(second).document().select("form[action$=/reset-password]")).isNotEmpty();
	}

	private Response requestReset(String address) {
		return this.person.browser()
			.submitForm("/forgot-password", "form[action$=/forgot-password]", Map.of("email", address));
	}

	private static Response choosePassword(HttpUserAgent browser, String link, String password) {
		return browser.submitForm(browser.get(link), "form[action$=/reset-password]",
				Map.of("password", password, "confirmPassword", password));
	}

}
