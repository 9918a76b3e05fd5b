package io.latchkey.authserver.login;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jwt.SignedJWT;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AtOnce;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.MovableClock;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import io.latchkey.authserver.support.TotpCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class TwoStepSignInIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	JdbcClient jdbc;

	HttpUserAgent agent;

	String username;

	@BeforeEach
	void setUp() {
		this.agent = new HttpUserAgent("http://localhost:" + this.port);
		this.username = Accounts.registerAndSignIn(this.agent);
	}

	@AfterEach
	void tearDown() {
		this.clock.reset();
	}

	@Test
	void setupWhenCodeAndPasswordRightThenRecoveryCodesShownOnceAndTwoStepOn() {
		Response setup = this.agent.get("/account/security/totp");
		String secret = setup.document().select("#totp-secret").text();
		assertThat(setup.document().select("img.qr").attr("src")).startsWith("data:image/svg+xml;base64,");

		Response done = this.agent.follow(confirmSetup(setup, TotpCodes.code(secret, this.clock.instant())));

		assertThat(done.document().select("#recovery-codes li")).hasSize(10);
		assertThat(this.agent.get("/account/security/recovery-codes").location()).endsWith("/account/security");
		Response security = this.agent.get("/account/security");
		assertThat(security.document().select("#totp-status").text()).contains("10 unused recovery codes");
		// one labelled form per action, not two identical password fields
		assertThat(security.document().select("#totp legend").eachText()).containsExactly("Make new recovery codes",
				"Turn off the authenticator app");
		assertThat(security.document().select("#totp label[for$=-password]").eachText()).doesNotHaveDuplicates()
			.hasSize(2);
	}

	@Test
	void setupWhenCodeOrPasswordWrongThenNotTurnedOn() {
		Response setup = this.agent.get("/account/security/totp");
		String secret = setup.document().select("#totp-secret").text();

		Response wrongCode = this.agent.submitForm(setup, "form[action$=/account/security/totp]",
				Map.of("code", "000000", "currentPassword", Accounts.PASSWORD));
		Response wrongPassword = this.agent.submitForm(setup, "form[action$=/account/security/totp]",
				Map.of("code", TotpCodes.code(secret, this.clock.instant()), "currentPassword", "not my password!!"));

		assertThat(wrongCode.document().select("[role=alert]").text()).contains("code is not right");
		assertThat(wrongPassword.document().select("[role=alert]").text()).contains("not your current password");
		assertThat(this.agent.get("/account/security").document().select("#totp-status").text()).startsWith("Off");
	}

	@Test
	void signInWhenTwoStepOnThenPasswordAloneGrantsNothingAndTheCodeCompletesIt() {
		String secret = enableTotp();
		HttpUserAgent browser = new HttpUserAgent(this.agent.baseUrl());

		Response afterPassword = Accounts.signIn(browser, this.username, Accounts.PASSWORD);

		assertThat(afterPassword.location()).endsWith("/login/second-factor");
		assertThat(browser.get("/").location()).endsWith("/login");
		Response wrong = enterCode(browser, "123456");
		assertThat(wrong.document().select("[role=alert]").text()).contains("not right");
		this.clock.advance(Duration.ofSeconds(30));
		Response right = enterCode(browser, TotpCodes.code(secret, this.clock.instant()));
		// back to the page asked for before signing in
		assertThat(URI.create(right.location()).getPath()).isEqualTo("/");
		assertThat(browser.get("/").status()).isEqualTo(200);
		// the trail names the account on every step: setting up, the wrong code, the
		// sign-in
		List<String> names = this.jdbc
			.sql("select coalesce(e.username, '(none)') from audit_event e join user_account u on u.id = e.account_id"
					+ " where u.username = ? and e.event_type in ('FACTOR_ADDED', 'SIGN_IN_FAILED', 'SIGNED_IN')")
			.param(this.username)
			.query(String.class)
			.list();
		assertThat(names).hasSizeGreaterThanOrEqualTo(3).containsOnly(this.username);
	}

	@Test
	void signInWhenCodeUsedAlreadyThenRefused() {
		String secret = enableTotp();
		this.clock.advance(Duration.ofSeconds(30));
		String code = TotpCodes.code(secret, this.clock.instant());
		HttpUserAgent first = new HttpUserAgent(this.agent.baseUrl());
		Accounts.signIn(first, this.username, Accounts.PASSWORD);
		assertThat(enterCode(first, code).location()).endsWith("/");

		HttpUserAgent second = new HttpUserAgent(this.agent.baseUrl());
		Accounts.signIn(second, this.username, Accounts.PASSWORD);
		assertThat(enterCode(second, code).document().select("[role=alert]").text()).contains("used already");
	}

	@Test
	void signInWhenOneCodeIsEnteredInSeveralBrowsersAtOnceThenOneSignsIn() {
		String secret = enableTotp();
		this.clock.advance(Duration.ofSeconds(30));

		List<Response> answers = atOnceInSecondSteps(TotpCodes.code(secret, this.clock.instant()));

		assertThat(answers).filteredOn(Response::isRedirect).hasSize(1);
		assertThat(answers).filteredOn((answer) -> !answer.isRedirect())
			.allSatisfy((refused) -> assertThat(refused.document().select("[role=alert]").text()).isNotBlank());
	}

	@Test
	void signInWhenOneRecoveryCodeIsEnteredInSeveralBrowsersAtOnceThenOneSignsIn() {
		Response setup = this.agent.get("/account/security/totp");
		String secret = setup.document().select("#totp-secret").text();
		String recoveryCode = this.agent.follow(confirmSetup(setup, TotpCodes.code(secret, this.clock.instant())))
			.document()
			.select("#recovery-codes li")
			.first()
			.text();

		List<Response> answers = atOnceInSecondSteps(recoveryCode);

		assertThat(answers).filteredOn(Response::isRedirect).hasSize(1);
		assertThat(this.agent.get("/account/security").document().select("#totp-status").text())
			.contains("9 unused recovery codes");
	}

	/** Six browsers past the password, then the same code in each at the same moment. */
	private List<Response> atOnceInSecondSteps(String code) {
		List<HttpUserAgent> browsers = new ArrayList<>();
		List<Response> pages = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			HttpUserAgent browser = new HttpUserAgent(this.agent.baseUrl());
			Accounts.signIn(browser, this.username, Accounts.PASSWORD);
			browsers.add(browser);
			pages.add(browser.get("/login/second-factor"));
		}
		AtomicInteger next = new AtomicInteger();
		return AtOnce.run(6, () -> {
			int i = next.getAndIncrement();
			return browsers.get(i).submitForm(pages.get(i), "form[action$=/login/second-factor]", Map.of("code", code));
		});
	}

	@Test
	void signInWhenRecoveryCodeGivenThenWorksOnce() {
		Response setup = this.agent.get("/account/security/totp");
		String secret = setup.document().select("#totp-secret").text();
		List<String> codes = this.agent.follow(confirmSetup(setup, TotpCodes.code(secret, this.clock.instant())))
			.document()
			.select("#recovery-codes li")
			.eachText();
		HttpUserAgent browser = new HttpUserAgent(this.agent.baseUrl());

		Accounts.signIn(browser, this.username, Accounts.PASSWORD);
		assertThat(enterCode(browser, codes.get(3).toUpperCase()).location()).endsWith("/");
		HttpUserAgent again = new HttpUserAgent(this.agent.baseUrl());
		Accounts.signIn(again, this.username, Accounts.PASSWORD);
		assertThat(enterCode(again, codes.get(3)).status()).isEqualTo(200);
		assertThat(this.agent.get("/account/security").document().select("#totp-status").text())
			.contains("9 unused recovery codes");
	}

	@Test
	void signInWhenSecondStepTooLateThenStartsAgain() {
		String secret = enableTotp();
		HttpUserAgent browser = new HttpUserAgent(this.agent.baseUrl());
		Accounts.signIn(browser, this.username, Accounts.PASSWORD);
		Response form = browser.get("/login/second-factor");
		this.clock.advance(Duration.ofMinutes(6));

		Response late = browser.submitForm(form, "form[action$=/login/second-factor]",
				Map.of("code", TotpCodes.code(secret, this.clock.instant())));

		assertThat(late.location()).endsWith("/login?expired");
		assertThat(browser.get("/").location()).endsWith("/login");
	}

	@Test
	void signInWhenCodesGuessedThenTheSecondStepIsThrottled() {
		String secret = enableTotp();
		HttpUserAgent browser = new HttpUserAgent(this.agent.baseUrl());
		Accounts.signIn(browser, this.username, Accounts.PASSWORD);
		for (int i = 0; i < 4; i++) {
			enterCode(browser, "00000" + i);
		}

		// the next step's code: valid (one step of drift), but not the one used to set up
		String rightCode = TotpCodes.code(secret, this.clock.instant().plusSeconds(30));
		Response refused = enterCode(browser, rightCode);

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.document().select("[role=alert]").text()).contains("not right");
		// the code was refused for the wait alone: once the wait is over it works
		this.jdbc.sql("delete from attempt_throttle where throttle_key like 'second-factor:%'").update();
		assertThat(URI.create(enterCode(browser, rightCode).location()).getPath()).isEqualTo("/");
	}

	@Test
	void idTokenWhenSignedInWithTwoStepsThenAmrAndAcrSaySo() throws Exception {
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		assertThat(idTokenClaim(this.agent, client, Map.of(), "amr")).isEqualTo(List.of("pwd"));

		String secret = enableTotp();
		this.clock.advance(Duration.ofSeconds(30));
		HttpUserAgent browser = new HttpUserAgent(this.agent.baseUrl());
		Accounts.signIn(browser, this.username, Accounts.PASSWORD);
		enterCode(browser, TotpCodes.code(secret, this.clock.instant()));

		assertThat(idTokenClaim(browser, client, Map.of(), "amr")).isEqualTo(List.of("pwd", "otp", "mfa"));
		assertThat(idTokenClaim(browser, client, Map.of(), "acr")).isEqualTo("urn:latchkey:acr:mfa");
	}

	@Test
	void authorizeWhenClientAsksForMultiFactorAndSignInUsedPasswordOnlyThenAccessDenied() {
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		OAuthFlows flows = new OAuthFlows(this.agent);

		Response response = flows.authorize(flows.authorizationUrl(client.getClientId(), "openid", Pkce.generate(),
				Map.of("acr_values", "urn:latchkey:acr:mfa")));

		assertThat(response.location()).startsWith(TestClients.REDIRECT_URI);
		assertThat(OAuthFlows.redirectParameters(response)).containsEntry("error", "access_denied");
	}

	@Test
	void authorizeWhenClientAsksForMultiFactorAndTwoStepJustSetUpThenCodeIssued() throws Exception {
		enableTotp();
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);

		assertThat(idTokenClaim(this.agent, client, Map.of("acr_values", "urn:latchkey:acr:mfa"), "acr"))
			.isEqualTo("urn:latchkey:acr:mfa");
	}

	@Test
	void removeWhenPasswordRightThenSignInAsksOnlyForThePassword() {
		enableTotp();
		this.agent.submitForm("/account/security", "form[action$=/account/security/totp/remove]",
				Map.of("currentPassword", Accounts.PASSWORD));

		HttpUserAgent browser = new HttpUserAgent(this.agent.baseUrl());
		assertThat(Accounts.signIn(browser, this.username, Accounts.PASSWORD).location()).endsWith("/");
	}

	private String enableTotp() {
		Response setup = this.agent.get("/account/security/totp");
		String secret = setup.document().select("#totp-secret").text();
		this.agent.follow(confirmSetup(setup, TotpCodes.code(secret, this.clock.instant())));
		return secret;
	}

	private Response confirmSetup(Response setup, String code) {
		return this.agent.submitForm(setup, "form[action$=/account/security/totp]",
				Map.of("code", code, "currentPassword", Accounts.PASSWORD));
	}

	private static Response enterCode(HttpUserAgent browser, String code) {
		return browser.submitForm("/login/second-factor", "form[action$=/login/second-factor]", Map.of("code", code));
	}

	private Object idTokenClaim(HttpUserAgent browser, RegisteredClient client, Map<String, String> extra, String claim)
			throws Exception {
		OAuthFlows flows = new OAuthFlows(browser);
		Pkce pkce = Pkce.generate();
		String code = flows.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid", pkce, extra)));
		String idToken = flows.exchangeCode(client.getClientId(), code, pkce.verifier()).get("id_token");
		return SignedJWT.parse(idToken).getJWTClaimsSet().getClaim(claim);
	}

}
