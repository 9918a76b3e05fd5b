package io.latchkey.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device authorization grant (RFC 8628) as people meet it: a command-line tool asks
 * auth-server for a code, the person opens the activation page in Chromium, signs in,
 * enters the code and approves, and the tool's polling then gets its tokens, which it can
 * refresh by its client id alone.
 */
class DeviceSignInEndToEndTests {

	private static final String PASSWORD = "device end to end passphrase";

	private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path workDir;

	static Program authServer;

	static ChromeDriver browser;

	static BrowserSteps steps;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() throws Exception {
		int port = Program.freePort();
		authServer = Program.startAuthServer(workDir, port, """
				spring.security.oauth2.authorizationserver.issuer: http://localhost:%d
				latchkey:
				  tokens:
				    resources:
				      - audience: messages-api
				        scopes: [messages.read]
				  clients:
				    - client-id: latchkey-cli
				      name: Latchkey command line
				      type: public
				      redirect-uris: [http://127.0.0.1:9999/callback]
				      scopes: [openid, messages.read]
				      require-consent: true
				      device-grant: true
				""".formatted(port));
		browser = Chromium.start(Files.createDirectories(workDir.resolve("chromium")));
		steps = new BrowserSteps(browser);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (authServer != null) {
			authServer.close();
		}
	}

	@Test
	void personApprovesTheDeviceInTheBrowserAndTheDeviceGetsItsTokens() throws Exception {
		Map<String, Object> authorization = post("/oauth2/device_authorization",
				Map.of("client_id", "latchkey-cli", "scope", "messages.read"));
		String userCode = (String) authorization.get("user_code");
		String deviceCode = (String) authorization.get("device_code");
		assertThat(authorization.get("verification_uri")).isEqualTo(authServer.url() + "/activate");
		Map<String, String> poll = Map.of("grant_type", DEVICE_GRANT, "device_code", deviceCode, "client_id",
				"latchkey-cli");
		assertThat(post("/oauth2/token", poll)).containsEntry("error", "authorization_pending");

		// the person opens the page the tool printed, creates an account and signs in
		String username = "e2e" + UUID.randomUUID().toString().substring(0, 8);
		steps.open(authServer.url() + "/activate");
		steps.awaitUrlStartsWith(authServer.url() + "/login");
		steps.createAccountAndSignIn(username, PASSWORD);

		// back on the activation page: the code, then consent
		steps.awaitUrlStartsWith(authServer.url() + "/activate");
		steps.type(By.id("user_code"), userCode);
		steps.click(By.cssSelector("button[type=submit].primary"));
		steps.awaitText(By.tagName("h1"), "Latchkey command line");
		steps.click(By.id("submit-consent"));
		steps.awaitText(By.id("outcome"), "device is connected");

		Map<String, Object> tokens = post("/oauth2/token", poll);
		assertThat(tokens).containsKey("access_token").containsEntry("scope", "messages.read");
		Map<String, Object> refreshed = post("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token",
				(String) tokens.get("refresh_token"), "client_id", "latchkey-cli"));
		assertThat(refreshed).containsKey("access_token");
		// the code is spent (the library answers access_denied, as for a code refused)
		assertThat(post("/oauth2/token", poll)).containsEntry("error", "access_denied")
			.doesNotContainKey("access_token");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> post(String path, Map<String, String> form) throws Exception {
		String body = form.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(authServer.url() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		return json.readValue(response.body(), Map.class);
	}

}
