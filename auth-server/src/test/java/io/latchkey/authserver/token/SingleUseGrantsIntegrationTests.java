package io.latchkey.authserver.token;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AtOnce;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Person;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-time grants presented by several requests released at the same moment: exactly one
 * succeeds, the others are refused as a replay is, and a replay's consequences follow.
 */
@AuthServerIntegrationTest
class SingleUseGrantsIntegrationTests {

	private static final int AT_ONCE = 6;

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets clientSecrets;

	Person person;

	OAuthFlows flows;

	RegisteredClient client;

	@BeforeEach
	void setUp() {
		this.person = Person.registered(this.port);
		this.flows = new OAuthFlows(this.person.browser());
		this.client = TestClients.webClient(this.clients, this.clientSecrets, false);
	}

	@Test
	void codeWhenExchangedByRequestsAtOnceThenOneSucceedsAndItsTokensAreRevoked() {
		Pkce pkce = Pkce.generate();
		String code = this.flows.code(this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(this.client.getClientId(), "openid", pkce, Map.of()),
				this.person.username()));

		List<TokenResponse> answers = AtOnce.run(AT_ONCE,
				() -> this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier()));

		List<TokenResponse> issued = answers.stream().filter((answer) -> answer.status() == 200).toList();
		assertThat(issued).as("token sets issued for one code").hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.status() != 200)
			.hasSize(AT_ONCE - 1)
			.allSatisfy((refused) -> assertThat(refused.error()).isEqualTo("invalid_grant"));
		// RFC 6749 section 4.1.2: the code was replayed, so its tokens are revoked
		assertThat(introspect(issued.get(0).get("access_token")).body()).containsEntry("active", false);
		assertThat(refresh(issued.get(0).get("refresh_token")).error()).isEqualTo("invalid_grant");
	}

	@Test
	void refreshWhenUsedByRequestsAtOnceThenOneSucceedsAndTheFamilyIsRevoked() {
		Pkce pkce = Pkce.generate();
		String code = this.flows.code(this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(this.client.getClientId(), "openid", pkce, Map.of()),
				this.person.username()));
		String refreshToken = this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier())
			.get("refresh_token");

		List<TokenResponse> answers = AtOnce.run(AT_ONCE, () -> refresh(refreshToken));

		List<TokenResponse> refreshed = answers.stream().filter((answer) -> answer.status() == 200).toList();
		assertThat(refreshed).as("refreshes with one refresh token").hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.status() != 200)
			.allSatisfy((refused) -> assertThat(refused.error()).isEqualTo("invalid_grant"));
		// RFC 9700 section 4.14.2: a used refresh token came again, the family ends
		assertThat(refresh(refreshed.get(0).get("refresh_token")).error()).isEqualTo("invalid_grant");
		assertThat(introspect(refreshed.get(0).get("access_token")).body()).containsEntry("active", false);
	}

	@Test
	void refreshWhenPresentedTokenHoldsANulByteThenInvalidRequestNotAServerError() {
		// RFC 6749 section 5.2: a malformed request is invalid_request; a NUL is refused
		// before any grant is looked at (web.UnreadableInputFilter), so the lock
		// statement never sees it
		TokenResponse refresh = refresh("abc\u0000def");

		assertThat(refresh.status()).isEqualTo(400);
		assertThat(refresh.error()).isEqualTo("invalid_request");
	}

	@Test
	void deviceCodeWhenPolledByRequestsAtOnceAfterApprovalThenOneGetsTokens() {
		RegisteredClient device = deviceClient();
		OAuthFlows tv = new OAuthFlows(new HttpUserAgent(this.person.browser().baseUrl()));
		TokenResponse authorization = tv.post("/oauth2/device_authorization", null, null,
				Map.of("client_id", device.getClientId(), "scope", "messages.read"));
		Accounts.signIn(this.person.browser(), this.person.username(), Accounts.PASSWORD);
		Response consent = this.person.browser()
			.follow(this.person.browser()
				.get("/oauth2/device_verification?user_code=" + authorization.get("user_code")));
		this.person.browser().follow(this.person.browser().submitFormAsBrowser(consent, "form#consent"));
		Map<String, String> poll = Map.of("grant_type", AuthorizationGrantType.DEVICE_CODE.getValue(), "device_code",
				authorization.get("device_code"), "client_id", device.getClientId());

		List<TokenResponse> answers = AtOnce.run(AT_ONCE, () -> tv.post("/oauth2/token", null, null, poll));

		assertThat(answers).filteredOn((answer) -> answer.status() == 200).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.status() != 200)
			.allSatisfy((refused) -> assertThat(refused.error()).isIn("access_denied", "invalid_grant"));
	}

	private RegisteredClient deviceClient() {
		String id = UUID.randomUUID().toString();
		RegisteredClient device = RegisteredClient.withId(id)
			.clientId("tv-" + id.substring(0, 8))
			.clientName("Living room TV")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
			.scope("messages.read")
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(true).build())
			.tokenSettings(TokenSettings.builder().reuseRefreshTokens(false).build())
			.build();
		this.clients.save(device);
		return device;
	}

	private TokenResponse refresh(String refreshToken) {
		return this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

	private TokenResponse introspect(String token) {
		return this.flows.post("/oauth2/introspect", this.client.getClientId(), TestClients.SECRET,
				Map.of("token", token));
	}

}
