package io.latchkey.authserver.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.latchkey.authserver.account.AccountAdministration;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.MovableClock;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class DeveloperPortalIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountAdministration administration;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	MovableClock clock;

	@Autowired
	RegisteredClientRepository clients;

	HttpUserAgent developer;

	String developerName;

	@BeforeEach
	void setUp() {
		this.developerName = Accounts.newUsername();
		this.developer = signedIn(this.developerName, Set.of("developer"));
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void portalWhenPlainUserThenForbiddenPageNotRedirect() {
		HttpUserAgent user = signedIn(Accounts.newUsername(), Set.of());

		Response portal = user.get("/developer/clients");
		Response console = user.get("/admin/users");

		assertThat(portal.status()).isEqualTo(403);
		assertThat(portal.document().select("h1").text()).isEqualTo("You are not allowed here");
		assertThat(console.status()).isEqualTo(403);
		assertThat(new HttpUserAgent(user.baseUrl()).get("/developer/clients").location()).endsWith("/login");
	}

	@Test
	void registerWhenWebClientValidThenSecretShownOnceAndItCompletesACodeFlow() {
		Response created = this.developer
			.follow(register(this.developer, "My web app", "WEB", TestClients.REDIRECT_URI, "openid", "profile"));
		String clientId = created.document().select("#client-id").text();
		String secret = created.document().select("#client-secret").text();

		assertThat(clientId).startsWith("lk-");
		assertThat(secret).hasSize(43);
		assertThat(this.developer.get(created.uri().toString()).document().select("#client-secret")).isEmpty();
		assertThat(this.developer.get("/developer/clients").document().select(".client-link").eachText())
			.contains("My web app");

		HttpUserAgent user = signedIn(Accounts.newUsername(), Set.of());
		OAuthFlows flows = new OAuthFlows(user);
		Pkce pkce = Pkce.generate();
		Response consent = flows.authorize(flows.authorizationUrl(clientId, "openid profile", pkce, Map.of()));
		assertThat(consent.body()).contains("My web app");
		Response redirect = user.submitForm(consent, "form#consent", Map.of("scope", "profile"));
		TokenResponse tokens = flows.tokenRequest(clientId, secret, Map.of("grant_type", "authorization_code", "code",
				flows.code(redirect), "redirect_uri", TestClients.REDIRECT_URI, "code_verifier", pkce.verifier()));
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.get("id_token")).isNotBlank();
	}

	@Test
	void registerWhenRedirectUrisBreakTheRulesThenEachIsRefusedAndNothingStored() {
		for (String uri : new String[] { "http://app.example.com/cb", "https://app.example.com/cb#x",
				"https://*.example.com/cb", "/relative", "com.example.app:/cb" }) {
			Response refused = register(this.developer, "Bad app", "WEB", uri, "openid");

			assertThat(refused.status()).as(uri).isEqualTo(200);
			assertThat(refused.document().select("#redirectUris-errors").text()).as(uri).contains("is not allowed");
		}
		assertThat(this.developer.get("/developer/clients").document().select(".client-link")).isEmpty();
	}

	@Test
	void registerWhenNumberOrTypeUnreadableThenFormSaysSoInsteadOfFailing() {
		Response form = this.developer.get("/developer/clients/new");
		Response refused = this.developer.submitForm(form, "form[action$=/developer/clients/new]",
				Map.of("name", "Odd app", "type", "TELEPATHIC", "redirectUris", TestClients.REDIRECT_URI,
						"accessTokenMinutes", "five", "refreshTokenHours", "8", "scopes", "openid"));

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.document().select("#accessTokenMinutes-errors").text()).isEqualTo("Enter a whole number.");
		assertThat(this.developer.get("/developer/clients").document().select(".client-link")).isEmpty();
	}

	@Test
	void clientWhenOwnedByAnotherDeveloperThenNotFoundAndUnchanged() {
		Response created = this.developer
			.follow(register(this.developer, "Private app", "WEB", TestClients.REDIRECT_URI, "openid"));
		String path = created.uri().getPath();
		HttpUserAgent other = signedIn(Accounts.newUsername(), Set.of("developer"));

		assertThat(other.get(path).status()).isEqualTo(404);
		assertThat(other.get(path + "/edit").status()).isEqualTo(404);
		assertThat(other.postForm(path + "/delete", Map.of("_csrf", csrf(other))).status()).isEqualTo(404);
		assertThat(other.get("/developer/clients").document().select(".client-link")).isEmpty();
		assertThat(this.developer.get(path).status()).isEqualTo(200);
	}

	@Test
	void editWhenSavedThenChangesWhatTheFormShowsAndKeepsEverythingElse() {
		Response created = this.developer.follow(register(this.developer, "Before", "SERVICE", "", "messages.read"));
		String clientId = created.document().select("#client-id").text();
		String secret = created.document().select("#client-secret").text();
		RegisteredClient stored = this.clients.findByClientId(clientId);
		// what the portal does not show, as dynamic registration or an operator may set
		this.clients.save(RegisteredClient.from(stored)
			.authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
			.clientSettings(ClientSettings.withSettings(stored.getClientSettings().getSettings())
				.setting("settings.client.operator-note", "kept")
				.build())
			.build());

		Response edited = this.developer.submitForm(created.uri().getPath() + "/edit", "form[action$=/edit]", Map
			.of("name", "After", "accessTokenMinutes", "7", "refreshTokenHours", "8", "scopes", "messages.read"));

		assertThat(edited.location()).endsWith(created.uri().getPath());
		RegisteredClient after = this.clients.findByClientId(clientId);
		assertThat(after.getClientName()).isEqualTo("After");
		assertThat(after.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(7));
		assertThat(after.getAuthorizationGrantTypes()).contains(AuthorizationGrantType.TOKEN_EXCHANGE);
		assertThat(after.getClientSettings().<String>getSetting("settings.client.operator-note")).isEqualTo("kept");
		assertThat(clientCredentials(clientId, secret).status()).isEqualTo(200);
	}

	@Test
	void editWhenAdvancedSettingsChosenThenStoredAndShownAgain() {
		Response created = this.developer
			.follow(register(this.developer, "Careful app", "WEB", TestClients.REDIRECT_URI, "openid"));
		String clientId = created.document().select("#client-id").text();

		Map<String, String> basics = Map.of("name", "Careful app", "redirectUris", TestClients.REDIRECT_URI, "scopes",
				"openid", "accessTokenMinutes", "5", "refreshTokenHours", "8");
		Map<String, String> advanced = new java.util.HashMap<>(basics);
		// the PKCE and rotation boxes left unchecked: this web client opts out of both
		// (RFC 9700 sections 2.1.1, 4.14.2)
		advanced.putAll(Map.of("requirePushedRequests", "true", "requireDPoP", "true", "idTokenSigningAlgorithm",
				"ES256", "pairwiseSubjects", "true", "jwkSetUri", "https://app.example.com/jwks", "requestUris",
				"https://app.example.com/request.jwt", "deviceGrant", "true"));
		Map<String, String> wrong = new java.util.HashMap<>(basics);
		wrong.put("idTokenSigningAlgorithm", "HS256");

		Response edited = this.developer.submitForm(created.uri().getPath() + "/edit", "form[action$=/edit]", advanced);
		Response wrongAlgorithm = this.developer.submitForm(created.uri().getPath() + "/edit", "form[action$=/edit]",
				wrong);

		assertThat(edited.location()).as(edited.document().select(".errors").text()).endsWith(created.uri().getPath());
		RegisteredClient after = this.clients.findByClientId(clientId);
		assertThat(RegisteredClients.optionsOf(after)).isEqualTo(new ClientOptions(false, true, true, "ES256", true,
				null, "https://app.example.com/jwks", List.of("https://app.example.com/request.jwt"), true, null, null,
				null, ClientOptions.SECRET, false));
		assertThat(after.getAuthorizationGrantTypes()).contains(AuthorizationGrantType.DEVICE_CODE);
		Response form = this.developer.get(created.uri().getPath() + "/edit");
		assertThat(form.document().select("input[name=requireDPoP][checked]")).hasSize(1);
		assertThat(form.document().select("input[name=requireProofKey][checked]")).isEmpty();
		assertThat(
				this.developer.get("/developer/clients/new").document().select("input[name=requireProofKey][checked]"))
			.as("strict by default")
			.hasSize(1);
		assertThat(form.document().select("#idTokenSigningAlgorithm option[selected]").text()).isEqualTo("ES256");
		assertThat(wrongAlgorithm.status()).isEqualTo(200);
		assertThat(wrongAlgorithm.document().select("#idTokenSigningAlgorithm-errors").text()).contains("RS256");
	}

	@Test
	void editWhenEveryUriListIsAsLongAsAllowedThenStored() {
		Response created = this.developer
			.follow(register(this.developer, "Large app", "WEB", TestClients.REDIRECT_URI, "openid"));
		String clientId = created.document().select("#client-id").text();
		List<String> requestUris = new java.util.ArrayList<>();
		for (int i = 0; i < ClientRules.MAX_URIS; i++) {
			requestUris.add(longUri("https://app.example.com/request-" + i + "-"));
		}
		Map<String, String> fields = new java.util.HashMap<>(Map.of("name", "Large app", "redirectUris",
				TestClients.REDIRECT_URI, "scopes", "openid", "accessTokenMinutes", "5", "refreshTokenHours", "8"));
		fields.putAll(Map.of("backchannelLogoutUri", longUri("https://app.example.com/logout-"), "pairwiseSubjects",
				"true", "jwkSetUri", longUri("https://app.example.com/jwks-"), "requestUris",
				String.join("\n", requestUris), "requirePushedRequests", "true", "requireDPoP", "true"));

		Response edited = this.developer.submitForm(created.uri().getPath() + "/edit", "form[action$=/edit]", fields);

		assertThat(edited.location()).as(edited.status() + " " + edited.document().select(".errors").text())
			.endsWith(created.uri().getPath());
		assertThat(RegisteredClients.optionsOf(this.clients.findByClientId(clientId)).requestUris())
			.containsExactlyElementsOf(requestUris);
	}

	private static String longUri(String prefix) {
		return prefix + "x".repeat(ClientRules.MAX_URI_LENGTH - prefix.length());
	}

	@Test
	void rotateSecretWhenGracePeriodThenBothWorkUntilItEndsThenOnlyTheNewOne() {
		Response created = this.developer.follow(register(this.developer, "Backend", "SERVICE", "", "messages.read"));
		String clientId = created.document().select("#client-id").text();
		String oldSecret = created.document().select("#client-secret").text();

		Response rotated = this.developer.follow(this.developer.submitForm(created.uri().toString(),
				"form[action$=/secret]", Map.of("graceHours", "2")));
		String newSecret = rotated.document().select("#client-secret").text();

		assertThat(newSecret).isNotEqualTo(oldSecret).hasSize(43);
		assertThat(rotated.document().select("#previous-secret").text()).contains("keeps working until");
		assertThat(clientCredentials(clientId, oldSecret).status()).isEqualTo(200);
		assertThat(clientCredentials(clientId, newSecret).status()).isEqualTo(200);
		this.clock.advance(Duration.ofHours(2).plusMinutes(1));
		TokenResponse old = clientCredentials(clientId, oldSecret);
		assertThat(old.status()).isEqualTo(401);
		assertThat(old.error()).isEqualTo("invalid_client");
		assertThat(clientCredentials(clientId, newSecret).status()).isEqualTo(200);
	}

	@Test
	void deleteWhenOwnerDeletesThenTokensStopWorking() {
		Response created = this.developer.follow(register(this.developer, "Doomed", "SERVICE", "", "messages.read"));
		String clientId = created.document().select("#client-id").text();
		String secret = created.document().select("#client-secret").text();
		String token = clientCredentials(clientId, secret).get("access_token");

		Response deleted = this.developer.submitForm(created.uri().toString(), "form[action$=/delete]", Map.of());

		assertThat(deleted.location()).endsWith("/developer/clients");
		assertThat(clientCredentials(clientId, secret).error()).isEqualTo("invalid_client");
		TokenResponse introspection = new OAuthFlows(this.developer).post("/oauth2/introspect", clientId, secret,
				Map.of("token", token));
		assertThat(introspection.status()).isEqualTo(401);
	}

	private HttpUserAgent signedIn(String username, Set<String> roles) {
		HttpUserAgent agent = new HttpUserAgent("http://localhost:" + this.port);
		Accounts.register(agent, username);
		UUID id = this.accounts.findByUsername(username).orElseThrow().getId();
		this.administration.setRolesAndGroups(id, roles, Set.of(), "test");
		agent.follow(Accounts.signIn(agent, username, Accounts.PASSWORD));
		return agent;
	}

	static Response register(HttpUserAgent agent, String name, String type, String redirectUri, String... scopes) {
		Response form = agent.get("/developer/clients/new");
		StringBuilder body = new StringBuilder();
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("_csrf", form.document().select("input[name=_csrf]").attr("value"));
		fields.put("name", name);
		fields.put("type", type);
		fields.put("redirectUris", redirectUri);
		fields.put("postLogoutRedirectUris", "");
		fields.put("backchannelLogoutUri", "");
		fields.put("accessTokenMinutes", "5");
		fields.put("refreshTokenHours", "8");
		body.append(HttpUserAgent.formEncode(fields));
		for (String scope : scopes) {
			body.append("&scopes=").append(scope);
		}
		return agent
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(agent.baseUrl() + "/developer/clients/new"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	private static String csrf(HttpUserAgent agent) {
		return agent.get("/").document().select("input[name=_csrf]").first().attr("value");
	}

	private TokenResponse clientCredentials(String clientId, String secret) {
		return new OAuthFlows(new HttpUserAgent("http://localhost:" + this.port)).tokenRequest(clientId, secret,
				Map.of("grant_type", "client_credentials", "scope", "messages.read"));
	}

	@Test
	void tryItWhenPortalCallbackRegisteredThenRunsTheFlowAndShowsTheDecodedTokens() {
		String callback = this.developer.baseUrl() + "/developer/clients/try-callback";
		Response created = this.developer.follow(register(this.developer, "Tried app", "WEB",
				TestClients.REDIRECT_URI + "\n" + callback, "openid", "profile"));
		String secret = created.document().select("#client-secret").text();
		String clientId = created.document().select("#client-id").text();
		Response tryPage = this.developer.get(created.document().select("#try-client").attr("href"));

		Response consent = this.developer.follow(
				this.developer.submitForm(tryPage, "form[action$=/try]", Map.of("secret", secret, "scope", "profile")));
		Response result = this.developer
			.follow(this.developer.submitForm(consent, "form#consent", Map.of("scope", "profile")));

		assertThat(result.status()).isEqualTo(200);
		assertThat(result.document().select("#try-error")).isEmpty();
		assertThat(result.document().select("#id-token").text()).contains("\"aud\"")
			.contains(clientId)
			.contains("preferred_username");
		assertThat(result.document().select("#access-token").text()).contains("\"scope\"");
	}

	@Test
	void tryItWhenCallbackNotRegisteredThenSaysWhichUriToAdd() {
		Response created = this.developer
			.follow(register(this.developer, "Untried app", "WEB", TestClients.REDIRECT_URI, "openid"));

		Response tryPage = this.developer.get(created.document().select("#try-client").attr("href"));

		assertThat(tryPage.document().select("#try-callback").text()).endsWith("/developer/clients/try-callback");
		assertThat(tryPage.document().select("form[action$=/try]")).isEmpty();
	}

}
