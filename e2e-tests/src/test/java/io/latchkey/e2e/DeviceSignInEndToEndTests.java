package io.latchkey.e2e;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
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
 * refresh by its client id alone. And the consent decisions a person makes there: a link
 * with someone else's device code only shows a confirmation page, and Deny refuses, for a
 * device and for the same client's authorization code flow, even after an earlier
 * approval.
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

	/**
	 * The loopback redirect URI of the command-line client, which records what it got.
	 */
	static HttpServer callback;

	static final List<String> callbackQueries = new CopyOnWriteArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() throws Exception {
		int port = Program.freePort();
		callback = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		callback.createContext("/callback", (exchange) -> {
			callbackQueries.add(exchange.getRequestURI().getRawQuery());
			byte[] page = "<html><body><h1>callback</h1></body></html>".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		callback.start();
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
				      redirect-uris: [http://127.0.0.1:%d/callback]
				      scopes: [openid, messages.read]
				      require-consent: true
				      device-grant: true
				""".formatted(port, callback.getAddress().getPort()));
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
		if (callback != null) {
			callback.stop(0);
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
		steps.open(authServer.url() + "/login");
		browser.manage().deleteAllCookies();
		steps.open(authServer.url() + "/activate");
		steps.awaitUrlStartsWith(authServer.url() + "/login");
		steps.createAccountAndSignIn(username, PASSWORD);

		// back on the activation page: the code, then consent
		steps.awaitUrlStartsWith(authServer.url() + "/activate");
		steps.type(By.id("user_code"), userCode);
		steps.click(By.cssSelector("button[type=submit].primary"));
		steps.awaitText(By.tagName("h1"), "Latchkey command line");
		PageChecks pages = new PageChecks(browser);
		pages.check("consent for a device");
		steps.click(By.id("submit-consent"));
		steps.awaitText(By.id("outcome"), "device is connected");
		pages.check("device connected");
		pages.assertNone();

		Map<String, Object> tokens = post("/oauth2/token", poll);
		assertThat(tokens).containsKey("access_token").containsEntry("scope", "messages.read");
		Map<String, Object> refreshed = post("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token",
				(String) tokens.get("refresh_token"), "client_id", "latchkey-cli"));
		assertThat(refreshed).containsKey("access_token");
		// the code is spent (the library answers access_denied, as for a code refused)
		assertThat(post("/oauth2/token", poll)).containsEntry("error", "access_denied")
			.doesNotContainKey("access_token");
	}

	@Test
	void personWhoApprovedBeforeGetsAConfirmationPageForALinkAndDeniesIt() throws Exception {
		signInAsNewPerson();
		approveDevice(deviceAuthorization());

		// RFC 8628 section 5.4: someone else's device code, sent as a link
		Map<String, Object> attackers = deviceAuthorization();
		steps.open(authServer.url() + "/oauth2/device_verification?user_code=" + attackers.get("user_code"));
		steps.awaitText(By.tagName("h1"), "Latchkey command line");
		steps.awaitText(By.id("device-warning"), (String) attackers.get("user_code"));
		assertThat(post("/oauth2/token", poll(attackers))).containsEntry("error", "authorization_pending");
		steps.click(By.id("cancel-consent"));

		steps.awaitText(By.id("outcome"), "You declined");
		PageChecks pages = new PageChecks(browser);
		pages.check("device declined");
		pages.assertNone();
		// RFC 8628 section 3.5
		assertThat(post("/oauth2/token", poll(attackers))).containsEntry("error", "access_denied")
			.doesNotContainKey("access_token");
	}

	@Test
	void personWhoConsentedBeforeDeniesAPromptedConsentAndTheAppGetsAccessDenied() {
		signInAsNewPerson();
		steps.open(authorizationUrl("first", Map.of()));
		steps.awaitText(By.tagName("h1"), "Latchkey command line");
		steps.click(By.id("submit-consent"));
		awaitCallback("state=first");

		// OpenID Connect Core 3.1.2.1: prompt=consent asks again whatever was allowed
		steps.open(authorizationUrl("second", Map.of("prompt", "consent")));
		steps.awaitText(By.tagName("h1"), "Latchkey command line");
		steps.click(By.id("cancel-consent"));

		String answer = awaitCallback("state=second");
		assertThat(answer).contains("error=access_denied")
			.contains("iss=" + URLEncoder.encode(authServer.url(), StandardCharsets.UTF_8))
			.doesNotContain("code=");
	}

	private void signInAsNewPerson() {
		// cookies are deleted for the page's own host
		steps.open(authServer.url() + "/login");
		browser.manage().deleteAllCookies();
		steps.open(authServer.url() + "/activate");
		steps.awaitUrlStartsWith(authServer.url() + "/login");
		steps.createAccountAndSignIn("e2e" + UUID.randomUUID().toString().substring(0, 8), PASSWORD);
		steps.awaitUrlStartsWith(authServer.url() + "/activate");
	}

	private void approveDevice(Map<String, Object> authorization) throws Exception {
		steps.open(authServer.url() + "/activate");
		steps.type(By.id("user_code"), (String) authorization.get("user_code"));
		steps.click(By.cssSelector("button[type=submit].primary"));
		steps.awaitText(By.tagName("h1"), "Latchkey command line");
		steps.click(By.id("submit-consent"));
		steps.awaitText(By.id("outcome"), "device is connected");
		assertThat(post("/oauth2/token", poll(authorization))).containsKey("access_token");
	}

	private Map<String, Object> deviceAuthorization() throws Exception {
		return post("/oauth2/device_authorization", Map.of("client_id", "latchkey-cli", "scope", "messages.read"));
	}

	private static Map<String, String> poll(Map<String, Object> authorization) {
		return Map.of("grant_type", DEVICE_GRANT, "device_code", (String) authorization.get("device_code"), "client_id",
				"latchkey-cli");
	}

	private static String authorizationUrl(String state, Map<String, String> extra) {
		Map<String, String> parameters = new java.util.LinkedHashMap<>(Map.of("response_type", "code", "client_id",
				"latchkey-cli", "redirect_uri", "http://127.0.0.1:" + callback.getAddress().getPort() + "/callback",
				"scope", "openid messages.read", "state", state, "code_challenge",
				"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256"));
		parameters.putAll(extra);
		return authServer.url() + "/oauth2/authorize?"
				+ parameters.entrySet()
					.stream()
					.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
					.collect(Collectors.joining("&"));
	}

	/** The query the callback received that holds the given part, once it came. */
	private static String awaitCallback(String part) {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (System.nanoTime() < deadline) {
			for (String query : callbackQueries) {
				if (query != null && query.contains(part)) {
					return query;
				}
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("The callback received no answer with " + part + ": " + callbackQueries);
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
