package io.latchkey.authserver.authorization;

import java.util.Map;
import java.util.UUID;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
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
 * The device authorization grant (RFC 8628): a device asks for a code, a person enters it
 * on our page while signed in, the device polls for its tokens.
 */
@AuthServerIntegrationTest
class DeviceAuthorizationIntegrationTests {

	private static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	HttpUserAgent browser;

	OAuthFlows device;

	RegisteredClient client;

	@BeforeEach
	void setUp() {
		this.browser = new HttpUserAgent("http://localhost:" + this.port);
		this.device = new OAuthFlows(new HttpUserAgent("http://localhost:" + this.port));
		String id = UUID.randomUUID().toString();
		this.client = RegisteredClient.withId(id)
			.clientId("tv-" + id.substring(0, 8))
			.clientName("Living room TV")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			// the library's device grant issues no ID tokens, so no openid scope
			.scope("messages.read")
			// the library asks for consent in the device flow whatever this says
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(true).build())
			.tokenSettings(TokenSettings.builder().reuseRefreshTokens(false).build())
			.build();
		this.clients.save(this.client);
	}

	@Test
	void deviceWhenPersonEntersTheCodeThenDeviceGetsTokens() {
		TokenResponse authorization = requestDeviceCode();
		assertThat(authorization.status()).as(authorization.raw().body()).isEqualTo(200);
		assertThat(authorization.get("verification_uri")).isEqualTo(this.browser.baseUrl() + "/activate");
		assertThat(poll(authorization.get("device_code")).error()).isEqualTo("authorization_pending");

		Accounts.registerAndSignIn(this.browser);
		Response page = this.browser.get("/activate");
		assertThat(page.document().select("form[action$=/oauth2/device_verification][method=get] input#user_code"))
			.hasSize(1);
		Response consent = this.browser
			.follow(this.browser.get("/oauth2/device_verification?user_code=" + authorization.get("user_code")));
		assertThat(consent.body()).contains("Living room TV");
		Response done = this.browser
			.follow(this.browser.submitForm(consent, "form#consent", Map.of("scope", "messages.read")));

		assertThat(done.document().select("#outcome").text())
			.as(done.uri() + " " + done.status() + done.document().select("main").text())
			.contains("the device is connected");
		TokenResponse tokens = poll(authorization.get("device_code"));
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.get("access_token")).isNotBlank();
	}

	@Test
	void refreshWhenPublicDeviceClientThenTokensRotateByClientIdAlone() {
		TokenResponse authorization = requestDeviceCode();
		Accounts.registerAndSignIn(this.browser);
		Response consent = this.browser
			.follow(this.browser.get("/oauth2/device_verification?user_code=" + authorization.get("user_code")));
		this.browser.follow(this.browser.submitForm(consent, "form#consent", Map.of("scope", "messages.read")));
		TokenResponse tokens = poll(authorization.get("device_code"));
		Map<String, String> refresh = Map.of("grant_type", "refresh_token", "refresh_token",
				tokens.get("refresh_token"), "client_id", this.client.getClientId());

		TokenResponse refreshed = this.device.post("/oauth2/token", null, null, refresh);
		TokenResponse reused = this.device.post("/oauth2/token", null, null, refresh);

		assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
		assertThat(refreshed.get("refresh_token")).isNotBlank().isNotEqualTo(tokens.get("refresh_token"));
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.error()).isEqualTo("invalid_grant");
	}

	@Test
	void deviceWhenApprovedBeforeThenALinkWithTheCodeOnlyShowsTheConfirmationPage() {
		Accounts.registerAndSignIn(this.browser);
		approve(requestDeviceCode());
		TokenResponse attackers = requestDeviceCode();

		// RFC 8628 section 5.4: the link an attacker sends with their own device's code
		Response response = this.browser
			.follow(this.browser.get("/oauth2/device_verification?user_code=" + attackers.get("user_code")));

		assertThat(response.document().select("form#consent")).hasSize(1);
		assertThat(response.body()).contains("Living room TV").contains(attackers.get("user_code"));
		assertThat(poll(attackers.get("device_code")).error()).isEqualTo("authorization_pending");
	}

	@Test
	void deviceWhenPersonDeniesAfterApprovingBeforeThenPollingAnswersAccessDenied() {
		Accounts.registerAndSignIn(this.browser);
		approve(requestDeviceCode());
		TokenResponse authorization = requestDeviceCode();
		Response consent = this.browser
			.follow(this.browser.get("/oauth2/device_verification?user_code=" + authorization.get("user_code")));

		Response denied = this.browser.follow(this.browser.submitFormAsBrowser(consent, "form:has(#cancel-consent)"));

		assertThat(denied.document().select("#outcome").text()).contains("You declined");
		TokenResponse polled = poll(authorization.get("device_code"));
		// RFC 8628 section 3.5
		assertThat(polled.status()).isEqualTo(400);
		assertThat(polled.error()).isEqualTo("access_denied");
	}

	@Test
	void deviceWhenApprovalPostedWithoutTheSessionsCsrfTokenThenRefused() {
		TokenResponse authorization = requestDeviceCode();
		Accounts.registerAndSignIn(this.browser);
		Response consent = this.browser
			.follow(this.browser.get("/oauth2/device_verification?user_code=" + authorization.get("user_code")));
		Map<String, String> forged = Map.of("client_id", this.client.getClientId(), "user_code",
				authorization.get("user_code"), "state",
				consent.document().selectFirst("form#consent input[name=state]").attr("value"), "scope",
				"messages.read");

		Response response = this.browser.postForm("/oauth2/device_verification", forged);

		assertThat(response.status()).isEqualTo(403);
		assertThat(poll(authorization.get("device_code")).error()).isEqualTo("authorization_pending");
	}

	@Test
	void deviceWhenCodeWrongThenPageSaysSoAndDeviceStillWaits() {
		TokenResponse authorization = requestDeviceCode();
		Accounts.registerAndSignIn(this.browser);

		Response wrong = this.browser.follow(this.browser.get("/oauth2/device_verification?user_code=WRONG-CODE"));

		assertThat(wrong.document().select("#outcome").text()).contains("not valid");
		assertThat(poll(authorization.get("device_code")).error()).isEqualTo("authorization_pending");
	}

	@Test
	void deviceWhenCodeEnteredBeforeSigningInThenSignInComesFirst() {
		TokenResponse authorization = requestDeviceCode();

		Response response = this.browser.get("/oauth2/device_verification?user_code=" + authorization.get("user_code"));

		assertThat(response.location()).endsWith("/login");
	}

	private void approve(TokenResponse authorization) {
		Response consent = this.browser
			.follow(this.browser.get("/oauth2/device_verification?user_code=" + authorization.get("user_code")));
		this.browser.follow(this.browser.submitFormAsBrowser(consent, "form#consent"));
		assertThat(poll(authorization.get("device_code")).status()).isEqualTo(200);
	}

	private TokenResponse requestDeviceCode() {
		return this.device.post("/oauth2/device_authorization", null, null,
				Map.of("client_id", this.client.getClientId(), "scope", "messages.read"));
	}

	private TokenResponse poll(String deviceCode) {
		return this.device.post("/oauth2/token", null, null, Map.of("grant_type", DEVICE_CODE_GRANT, "device_code",
				deviceCode, "client_id", this.client.getClientId()));
	}

}
