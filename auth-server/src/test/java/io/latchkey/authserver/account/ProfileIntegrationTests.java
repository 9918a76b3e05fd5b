package io.latchkey.authserver.account;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.latchkey.authserver.audit.AuditEvent;
import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Person;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import io.latchkey.authserver.support.TestMailServer;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class ProfileIntegrationTests {

	private static final String NEW_PASSWORD = "another long passphrase to use";

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	AuditLog audit;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	JdbcClient jdbc;

	Person person;

	String email;

	@BeforeEach
	void setUp() {
		this.person = Person.registered(this.port);
		this.email = this.person.email();
		TestMailServer.awaitMessage(this.email, 1);
		this.person.browser().follow(Accounts.signIn(this.person.browser(), this.person.username(), Accounts.PASSWORD));
	}

	@Test
	void detailsWhenSavedThenShownAndReleasedWithProfileScope() {
		Response saved = this.person.browser()
			.submitForm("/account/details", "form[action$=/account/details]", Map.of("displayName", "Ada L.",
					"givenName", "Ada", "familyName", "Lovelace", "locale", "en-GB", "zoneinfo", "Europe/London"));

		assertThat(saved.location()).endsWith("/");
		assertThat(this.person.browser().get("/").document().select("#display-name").text()).isEqualTo("Ada L.");
		Map<String, Object> userInfo = userInfo("openid profile");
		assertThat(userInfo).containsEntry("name", "Ada L.")
			.containsEntry("given_name", "Ada")
			.containsEntry("family_name", "Lovelace")
			.containsEntry("locale", "en-GB")
			.containsEntry("zoneinfo", "Europe/London")
			.containsKey("updated_at");
	}

	@Test
	void activityWhenATimeZoneIsSetThenTimesAreShownInIt() {
		Response before = this.person.browser().get("/");
		assertThat(before.document().select(".events time").first().text()).endsWith(" UTC");

		this.person.browser()
			.submitForm("/account/details", "form[action$=/account/details]", Map.of("zoneinfo", "Asia/Kolkata"));

		Element latest = this.person.browser().get("/").document().select(".events time").first();
		Instant at = Instant.parse(latest.attr("datetime"));
		assertThat(latest.text()).isEqualTo(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(Locale.ENGLISH)
			.withZone(ZoneId.of("Asia/Kolkata"))
			.format(at) + " Asia/Kolkata");
	}

	@Test
	void detailsWhenTimeZoneOrLanguageMalformedThenFieldErrors() {
		Response response = this.person.browser()
			.submitForm("/account/details", "form[action$=/account/details]",
					Map.of("locale", "english please", "zoneinfo", "Mars/Olympus_Mons"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.document().select("#locale-errors").text()).contains("language tag");
		assertThat(this.person.browser()
			.submitForm("/account/details", "form[action$=/account/details]", Map.of("zoneinfo", "Mars/Olympus_Mons"))
			.document()
			.select("#zoneinfo-errors")
			.text()).contains("time zone");
	}

	@Test
	void emailChangeWhenConfirmedFromNewAddressThenChangedAndOldAddressWasTold() {
		String newEmail = Accounts.emailOf(Accounts.newUsername());

		Response requested = changeEmail(newEmail, Accounts.PASSWORD);

		assertThat(requested.location()).endsWith("/");
		assertThat(TestMailServer.awaitMessage(this.email, 2).subject())
			.isEqualTo("Your Latchkey e-mail address is about to change");
		assertThat(account().getEmail()).isEqualTo(this.email);
		String link = TestMailServer.awaitMessage(newEmail, 1).link("/verify-email?token=");
		Response confirmed = new HttpUserAgent(this.person.browser().baseUrl()).get(link);
		assertThat(confirmed.document().select("#outcome").text()).contains("has changed");
		assertThat(account().getEmail()).isEqualTo(newEmail);
		assertThat(account().isEmailVerified()).isTrue();
		assertThat(events()).contains(AuditEventType.EMAIL_CHANGE_REQUESTED, AuditEventType.EMAIL_CHANGED);
	}

	@Test
	void emailChangeWhenPasswordWrongOrAddressTakenThenRefused() {
		String other = Accounts.newUsername();
		Accounts.register(new HttpUserAgent(this.person.browser().baseUrl()), other);

		Response wrongPassword = changeEmail(Accounts.emailOf(Accounts.newUsername()), "not my password at all");
		Response taken = changeEmail(Accounts.emailOf(other), Accounts.PASSWORD);

		assertThat(wrongPassword.document().select("#currentPassword-errors").text())
			.isEqualTo("This is not your current password.");
		assertThat(taken.document().select("#newEmail-errors").text()).contains("already exists");
		assertThat(account().getEmail()).isEqualTo(this.email);
	}

	@Test
	void passwordChangeWhenCurrentPasswordRightThenOtherSessionsEndAndThisOneStays() {
		HttpUserAgent otherBrowser = new HttpUserAgent(this.person.browser().baseUrl());
		otherBrowser.follow(Accounts.signIn(otherBrowser, this.person.username(), Accounts.PASSWORD));
		assertThat(otherBrowser.get("/").status()).isEqualTo(200);

		Response changed = changePassword(Accounts.PASSWORD, NEW_PASSWORD);

		assertThat(changed.location()).endsWith("/");
		assertThat(this.person.browser().get("/").status()).isEqualTo(200);
		assertThat(otherBrowser.get("/").location()).endsWith("/login");
		assertThat(Accounts
			.signIn(new HttpUserAgent(this.person.browser().baseUrl()), this.person.username(), NEW_PASSWORD)
			.location()).doesNotContain("error");
		assertThat(TestMailServer.awaitMessage(this.email, 2).subject())
			.isEqualTo("Your Latchkey password has changed");
	}

	@Test
	void passwordChangeWhenCurrentWrongOrNewOneCommonThenRefused() {
		Response wrongCurrent = changePassword("not my password at all", NEW_PASSWORD);
		Response common = changePassword(Accounts.PASSWORD, "password1234");

		assertThat(wrongCurrent.document().select("#currentPassword-errors").text())
			.isEqualTo("This is not your current password.");
		assertThat(common.document().select("#newPassword-errors").text()).contains("commonly used");
		assertThat(common.body()).doesNotContain(Accounts.PASSWORD).doesNotContain("password1234");
	}

	@Test
	void deleteWhenPasswordRightThenSignedOutTokensAndConsentsRevokedAndUsernameRetired() {
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		OAuthFlows flows = new OAuthFlows(this.person.browser());
		Pkce pkce = Pkce.generate();
		TokenResponse tokens = flows.exchangeCode(client.getClientId(),
				flows.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid", pkce, Map.of()))),
				pkce.verifier());
		UUID accountId = account().getId();

		Response wrong = this.person.browser()
			.submitForm("/account/delete", "form[action$=/account/delete]",
					Map.of("currentPassword", "not my password at all"));
		assertThat(wrong.document().select("#currentPassword-errors").text()).isNotEmpty();
		Response deleted = this.person.browser()
			.submitForm("/account/delete", "form[action$=/account/delete]",
					Map.of("currentPassword", Accounts.PASSWORD));

		assertThat(deleted.location()).endsWith("/login?deleted");
		assertThat(this.person.browser().get("/").location()).endsWith("/login");
		assertThat(this.accounts.findById(accountId)).isEmpty();
		assertThat(flows
			.tokenRequest(client.getClientId(), TestClients.SECRET,
					Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token")))
			.error()).isEqualTo("invalid_grant");
		assertThat(this.jdbc.sql("select count(*) from oauth2_authorization_consent where principal_name = ?")
			.param(accountId.toString())
			.query(Long.class)
			.single()).isZero();
		assertThat(Accounts.register(new HttpUserAgent(this.person.browser().baseUrl()), this.person.username())
			.document()
			.select("#username-errors")
			.text()).isEqualTo("This username is taken.");
		assertThat(this.audit.recentFor(accountId, 5).get(0).type()).isEqualTo(AuditEventType.DELETED);
		assertThat(TestMailServer.awaitMessage(this.email, 2).subject()).isEqualTo("Your Latchkey account is deleted");
	}

	@Test
	void homeWhenSignedInThenShowsRecentActivity() {
		Response home = this.person.browser().get("/");

		assertThat(home.document().select(".events .event-type").eachText()).contains("Signed in", "Account created");
	}

	private Response changeEmail(String newEmail, String password) {
		return this.person.browser()
			.submitForm("/account/email", "form[action$=/account/email]",
					Map.of("newEmail", newEmail, "currentPassword", password));
	}

	private Response changePassword(String current, String next) {
		return this.person.browser()
			.submitForm("/account/password", "form[action$=/account/password]",
					Map.of("currentPassword", current, "newPassword", next, "confirmPassword", next));
	}

	private Map<String, Object> userInfo(String scope) {
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		OAuthFlows flows = new OAuthFlows(this.person.browser());
		Pkce pkce = Pkce.generate();
		TokenResponse tokens = flows.exchangeCode(client.getClientId(),
				flows.code(flows.authorize(flows.authorizationUrl(client.getClientId(), scope, pkce, Map.of()))),
				pkce.verifier());
		return flows.getWithBearer("/userinfo", tokens.get("access_token")).body();
	}

	private UserAccount account() {
		return this.accounts.findByUsername(this.person.username()).orElseThrow();
	}

	private java.util.List<AuditEventType> events() {
		return this.audit.recentFor(account().getId(), 20).stream().map(AuditEvent::type).toList();
	}

}
