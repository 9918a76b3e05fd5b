package io.latchkey.authserver.admin;

import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AtOnce;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import io.latchkey.authserver.support.TestMailServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The admin console, with the first administrator created from configuration. */
@AuthServerIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "latchkey.bootstrap-admin.username=rootadmin",
		"latchkey.bootstrap-admin.email=rootadmin@example.com",
		"latchkey.bootstrap-admin.password=first administrator passphrase" })
class AdminConsoleIntegrationTests {

	private static final String ADMIN_PASSWORD = "first administrator passphrase";

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	UserDetailsService userDetailsService;

	HttpUserAgent admin;

	String username;

	@BeforeEach
	void setUp() {
		this.admin = new HttpUserAgent("http://localhost:" + this.port);
		this.admin.follow(Accounts.signIn(this.admin, "rootadmin", ADMIN_PASSWORD));
		this.username = Accounts.newUsername();
		Accounts.register(new HttpUserAgent(this.admin.baseUrl()), this.username);
	}

	@Test
	void bootstrapAdminWhenConfiguredThenSignsInAsAdministratorAndDeveloper() {
		Response home = this.admin.get("/");

		assertThat(home.document().select("#admin-console")).hasSize(1);
		assertThat(home.document().select("#developer-portal")).hasSize(1);
		assertThat(this.admin.get("/admin/users").status()).isEqualTo(200);
	}

	@Test
	void usersWhenSearchedThenFoundByPartOfTheName() {
		Response results = this.admin.get("/admin/users?q=" + this.username.substring(0, 9));

		assertThat(results.document().select(".user-link").eachText()).contains(this.username);
	}

	@Test
	void lockWhenAccountLockedThenItCannotSignInUntilUnlocked(CapturedOutput output) {
		HttpUserAgent person = new HttpUserAgent(this.admin.baseUrl());
		person.follow(Accounts.signIn(person, this.username, Accounts.PASSWORD));
		String userPage = userPage();

		this.admin.submitForm(userPage, "form[action$=/lock]", Map.of());

		assertThat(person.get("/").location()).endsWith("/login");
		assertThat(
				Accounts.signIn(new HttpUserAgent(this.admin.baseUrl()), this.username, Accounts.PASSWORD).location())
			.endsWith("/login?error");
		// a refusal like any other: in words in the trail, and no internal error in the
		// log
		Response failures = this.admin.get("/admin/audit?username=" + this.username + "&type=SIGN_IN_FAILED");
		assertThat(failures.document().select("#audit .audit-detail").eachText()).containsExactly("account locked");
		assertThat(output.getAll()).doesNotContain("InternalAuthenticationServiceException")
			.doesNotContain("An internal error occurred");
		assertThat(this.admin.get(userPage).document().select("#status").text()).isEqualTo("locked");
		// passkey sign-in looks the account up by id and must be refused as well
		String accountId = userPage.substring(userPage.lastIndexOf('/') + 1);
		assertThatExceptionOfType(DisabledException.class)
			.isThrownBy(() -> this.userDetailsService.loadUserByUsername(accountId));
		this.admin.submitForm(userPage, "form[action$=/unlock]", Map.of());
		assertThat(
				Accounts.signIn(new HttpUserAgent(this.admin.baseUrl()), this.username, Accounts.PASSWORD).location())
			.doesNotContain("error");
	}

	@Test
	void rolesWhenAssignedThenInAccessTokensAndTheDeveloperRoleOpensThePortal() throws Exception {
		this.admin.submitForm(userPage(), "form[action$=/roles]",
				Map.of("roles", "developer, writer", "groups", "team-a"));

		HttpUserAgent person = new HttpUserAgent(this.admin.baseUrl());
		person.follow(Accounts.signIn(person, this.username, Accounts.PASSWORD));
		assertThat(person.get("/developer/clients").status()).isEqualTo(200);
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		OAuthFlows flows = new OAuthFlows(person);
		Pkce pkce = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid", pkce, Map.of())));
		String accessToken = flows.exchangeCode(client.getClientId(), code, pkce.verifier()).get("access_token");
		var claims = SignedJWT.parse(accessToken).getJWTClaimsSet();
		assertThat(claims.getStringListClaim("roles")).containsExactly("developer", "writer");
		assertThat(claims.getStringListClaim("groups")).containsExactly("team-a");
	}

	@Test
	void rolesWhenRolesScopeGrantedThenInTheIdTokenToo() throws Exception {
		this.admin.submitForm(userPage(), "form[action$=/roles]", Map.of("roles", "writer", "groups", "team-b"));
		RegisteredClient client = RegisteredClient.from(TestClients.webClient(this.clients, this.secrets, false))
			.scope("roles")
			.build();
		this.clients.save(client);
		HttpUserAgent person = new HttpUserAgent(this.admin.baseUrl());
		person.follow(Accounts.signIn(person, this.username, Accounts.PASSWORD));
		OAuthFlows flows = new OAuthFlows(person);

		Pkce withRoles = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid roles", withRoles, Map.of())));
		var idToken = SignedJWT
			.parse(flows.exchangeCode(client.getClientId(), code, withRoles.verifier()).get("id_token"))
			.getJWTClaimsSet();
		Pkce without = Pkce.generate();
		String otherCode = flows
			.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid", without, Map.of())));
		var plainIdToken = SignedJWT
			.parse(flows.exchangeCode(client.getClientId(), otherCode, without.verifier()).get("id_token"))
			.getJWTClaimsSet();

		assertThat(idToken.getStringListClaim("roles")).containsExactly("writer");
		assertThat(idToken.getStringListClaim("groups")).containsExactly("team-b");
		assertThat(plainIdToken.getClaim("roles")).isNull();
	}

	@Test
	void rolesWhenNameMalformedThenReadableRefusal() {
		Response refused = this.admin.submitForm(userPage(), "form[action$=/roles]",
				Map.of("roles", "Robert'); drop table", "groups", ""));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#error-message").text()).contains("lower-case");
	}

	@Test
	void forcePasswordResetWhenDoneThenOldPasswordFailsAndALinkIsMailed() {
		TestMailServer.awaitMessage(Accounts.emailOf(this.username), 1);

		this.admin.submitForm(userPage(), "form[action$=/reset-password]", Map.of());

		assertThat(
				Accounts.signIn(new HttpUserAgent(this.admin.baseUrl()), this.username, Accounts.PASSWORD).location())
			.endsWith("/login?error");
		assertThat(TestMailServer.awaitMessage(Accounts.emailOf(this.username), 2).link("/reset-password?token="))
			.isNotBlank();
	}

	@Test
	void deleteWhenAdministratorDeletesThenTheAccountIsGone() {
		Response deleted = this.admin.submitForm(userPage(), "form[action$=/delete]", Map.of());

		assertThat(deleted.location()).endsWith("/admin/users");
		assertThat(this.admin.get("/admin/users?q=" + this.username).document().select(".user-link")).isEmpty();
	}

	@Test
	void clientWhenDisabledThenUnknownToTheTokenEndpointUntilEnabled() {
		RegisteredClient service = TestClients.serviceClient(this.clients, this.secrets);
		OAuthFlows flows = new OAuthFlows(this.admin);
		Map<String, String> grant = Map.of("grant_type", "client_credentials");
		assertThat(flows.tokenRequest(service.getClientId(), TestClients.SECRET, grant).status()).isEqualTo(200);

		Response list = this.admin.get("/admin/clients");
		String row = "tr[data-client-id=" + service.getClientId() + "]";
		this.admin.submitForm(list, row + " form[action$=/disable]", Map.of());

		assertThat(flows.tokenRequest(service.getClientId(), TestClients.SECRET, grant).error())
			.isEqualTo("invalid_client");
		Response disabled = this.admin.get("/admin/clients");
		assertThat(disabled.document().select(row + " .client-status").text()).isEqualTo("disabled");
		this.admin.submitForm(disabled, row + " form[action$=/enable]", Map.of());
		assertThat(flows.tokenRequest(service.getClientId(), TestClients.SECRET, grant).status()).isEqualTo(200);
	}

	@Test
	void auditTrailWhenFilteredByUserAndEventThenOnlyThoseEvents() {
		this.admin.submitForm(userPage(), "form[action$=/lock]", Map.of());

		Response trail = this.admin.get("/admin/audit?username=" + this.username + "&type=LOCKED_BY_ADMINISTRATOR");

		assertThat(trail.document().select("#audit .audit-user").eachText()).containsOnly(this.username);
		// an administrator's lock says so, not that failed attempts paused sign-in
		assertThat(trail.document().select("#audit .event-type").eachText())
			.containsExactly("Locked by an administrator");
		assertThat(trail.document().select("#audit .audit-detail").eachText())
			.containsExactly("by administrator rootadmin");
		Response all = this.admin.get("/admin/audit?username=" + this.username);
		assertThat(all.document().select("#audit .event-type").eachText()).contains("Account created");
	}

	@Test
	void consoleWhenSelfDemotionOrSelfDeletionThenRefused() {
		String own = this.admin.get("/admin/users?q=rootadmin").document().select(".user-link").attr("href");

		assertThat(
				this.admin.submitForm(own, "form[action$=/roles]", Map.of("roles", "developer", "groups", "")).status())
			.isEqualTo(400);
		assertThat(this.admin.submitForm(own, "form[action$=/delete]", Map.of()).status()).isEqualTo(400);
	}

	@Test
	void auditTrailWhenVerifiedThenTheConsoleSaysItIsIntactAndRecordsTheCheck() {
		Response verified = this.admin
			.follow(this.admin.submitForm("/admin/audit", "form[action$=/audit/verify]", Map.of()));

		assertThat(verified.document().select("#verification").text()).startsWith("The trail is intact:");
		assertThat(this.admin.get("/admin/audit?type=AUDIT_VERIFIED").document().select("#audit tbody tr"))
			.isNotEmpty();
	}

	@Test
	void consoleWhenAddressesOrFiltersMalformedThenReadableErrorsNotFailures() {
		assertThat(this.admin.get("/admin/users/not-a-uuid").status()).isEqualTo(400);
		assertThat(this.admin.get("/admin/users/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(this.admin.get("/admin/audit?from=yesterday").status()).isEqualTo(400);
		assertThat(this.admin.get("/admin/audit?type=NO_SUCH_EVENT").status()).isEqualTo(200);
		assertThat(this.admin.get("/admin/users?page=-3").status()).isEqualTo(200);
	}

	@Test
	void rolesWhenEditedSeveralTimesAtOnceThenEveryEditIsAnsweredNot500() {
		String userPage = userPage();

		// released together (support.AtOnce): the account's role rows were inserted twice
		List<Response> answers = AtOnce.run(6, () -> this.admin.submitForm(userPage, "form[action$=/roles]",
				Map.of("roles", "writer-" + Thread.currentThread().getId() % 3, "groups", "team-a")));

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.body()).isEqualTo(302));
		Response page = this.admin.get(userPage);
		assertThat(page.status()).isEqualTo(200);
	}

	private String userPage() {
		return this.admin.get("/admin/users?q=" + this.username).document().select(".user-link").attr("href");
	}

}
