package io.latchkey.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path a person walks, across the three programs started from their jars, in
 * Chromium: register, sign in through sample app A (with consent), see the API's data
 * there, survive a restart of auth-server, get signed in to sample app B without a
 * password, and sign out of both the app and Latchkey.
 */
class SingleSignOnEndToEndTests {

	private static final String PASSWORD = "end to end passphrase";

	@TempDir
	static Path workDir;

	static Program authServer;

	static Program resourceServer;

	static Program clientA;

	static Program clientB;

	static ChromeDriver browser;

	static BrowserSteps steps;

	@BeforeAll
	static void startEverything() throws Exception {
		int authPort = Program.freePort();
		int apiPort = Program.freePort();
		int aPort = Program.freePort();
		int bPort = Program.freePort();
		String issuer = "http://localhost:" + authPort;
		authServer = Program.startAuthServer(workDir, authPort, authServerConfig(issuer, aPort, bPort));
		resourceServer = new Program("sample-resource-server", Program.runnableJar("sample-resource-server"), workDir,
				apiPort, Map.of("LATCHKEY_ISSUER", issuer), List.of())
			.start();
		clientA = sampleClient("sample-client-a", aPort, issuer, apiPort, "messages.write").start();
		clientB = sampleClient("sample-client-b", bPort, issuer, apiPort, "").start();
		browser = Chromium.start(Files.createDirectories(workDir.resolve("chromium")));
		steps = new BrowserSteps(browser);
	}

	@AfterAll
	static void stopEverything() {
		if (browser != null) {
			browser.quit();
		}
		for (Program program : new Program[] { clientB, clientA, resourceServer, authServer }) {
			if (program != null) {
				program.close();
			}
		}
	}

	@Test
	void personRegistersSignsInOnceUsesTwoAppsAndSignsOut() {
		String username = "e2e" + UUID.randomUUID().toString().substring(0, 8);

		// App A sends the visitor to Latchkey, where they create an account, and asks
		// for consent
		registerThroughAppA(username);
		steps.click(By.id("submit-consent"));
		steps.awaitUrlStartsWith(clientA.url());

		// app A shows who signed in and what the API returned for their access token
		browser.get(clientA.url() + "/messages");
		steps.awaitText(By.id("user-name"), username);
		assertThat(steps.text(By.id("user-email"))).isEqualTo(username + "@example.com");
		steps.awaitText(By.id("messages"), "Welcome to the Latchkey sample API.");
		steps.type(By.id("text"), "written through app A");
		steps.click(By.id("post-message"));
		steps.awaitText(By.id("messages"), "written through app A");

		// a restart of auth-server (and of the API, so it fetches the keys again and
		// forgets its messages) keeps the user, their session and the tokens already
		// issued valid: app A still holds the access token it got before
		authServer.restart();
		resourceServer.restart();
		browser.get(clientA.url() + "/messages");
		steps.awaitText(By.id("messages"), "Welcome to the Latchkey sample API.");
		assertThat(browser.findElements(By.id("api-error"))).isEmpty();
		assertThat(steps.text(By.id("messages"))).doesNotContain("written through app A");

		// app B signs the same person in without asking for a password
		browser.get(clientB.url() + "/");
		steps.click(By.id("sign-in"));
		steps.awaitUrlStartsWith(clientB.url());
		assertThat(browser.getCurrentUrl()).doesNotContain("/login");
		browser.get(clientB.url() + "/messages");
		steps.awaitText(By.id("user-name"), username);
		steps.awaitText(By.id("messages"), "Welcome to the Latchkey sample API.");
		assertThat(browser.findElements(By.id("post-message"))).as("app B was not granted messages.write").isEmpty();
		PageChecks pages = new PageChecks(browser);
		pages.check("sample app B messages");
		pages.assertNone();

		// signing out of app B also ends the session at Latchkey, and app A's
		steps.click(By.id("sign-out"));
		steps.awaitUrlStartsWith(clientB.url());
		steps.awaitText(By.id("sign-in"), "Sign in with Latchkey");
		steps.click(By.id("sign-in"));
		steps.awaitUrlStartsWith(authServer.url() + "/login");
		assertThat(browser.findElements(By.id("password"))).hasSize(1);

		// and app A heard of it over the back channel: its session is gone too
		boolean signedOutOfA = false;
		for (int i = 0; i < 20 && !signedOutOfA; i++) {
			browser.get(clientA.url() + "/messages");
			signedOutOfA = browser.getCurrentUrl().startsWith(authServer.url() + "/login");
			if (!signedOutOfA) {
				sleep(Duration.ofMillis(250));
			}
		}
		assertThat(signedOutOfA).as("app A asks for sign-in again after signing out of app B").isTrue();
	}

	/**
	 * Deny on the consent page sends the person back with {@code access_denied} (OpenID
	 * Connect Core 3.1.2.6), and the app says in its own words that they declined, with a
	 * way to try again; an unknown address in the app is its own page too.
	 */
	@Test
	void personDeclinesConsentThenTheAppSaysSoAndTryingAgainSignsIn() {
		String username = "e2e" + UUID.randomUUID().toString().substring(0, 8);
		registerThroughAppA(username);

		steps.click(By.id("cancel-consent"));
		steps.awaitUrlStartsWith(clientA.url() + "/sign-in-failed");
		steps.awaitText(By.id("failure-heading"), "You chose not to sign in");
		assertThat(steps.text(By.id("failure-code"))).isEqualTo("access_denied");
		assertThat(browser.getPageSource()).doesNotContain("Invalid credentials");

		// still signed in at Latchkey: trying again asks for consent once more
		steps.click(By.id("try-again"));
		steps.awaitText(By.tagName("h1"), "Sample App A");
		steps.click(By.id("submit-consent"));
		steps.awaitUrlStartsWith(clientA.url());
		browser.get(clientA.url() + "/messages");
		steps.awaitText(By.id("user-name"), username);

		browser.get(clientA.url() + "/no-such-page");
		steps.awaitText(By.id("error-heading"), "This page does not exist");
		assertThat(browser.getPageSource()).doesNotContain("Whitelabel");
		browser.manage().deleteAllCookies();
	}

	/**
	 * From app A's start page, with no session left by another test (cookies are per
	 * host, not per port), to Latchkey's consent page for app A, as a new account.
	 */
	private static void registerThroughAppA(String username) {
		browser.get(clientA.url() + "/");
		browser.manage().deleteAllCookies();
		browser.get(clientA.url() + "/");
		steps.click(By.id("sign-in"));
		steps.awaitUrlStartsWith(authServer.url() + "/login");
		// signing in continues the authorization request; app A asks for consent
		steps.createAccountAndSignIn(username, PASSWORD);
		steps.awaitText(By.tagName("h1"), "Sample App A");
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Program sampleClient(String clientId, int port, String issuer, int apiPort, String extraScope) {
		String scopes = "openid,profile,email,messages.read" + (extraScope.isEmpty() ? "" : "," + extraScope);
		return new Program(clientId, Program.runnableJar("sample-client-app"), workDir, port,
				Map.of("LATCHKEY_ISSUER", issuer, "SAMPLE_CLIENT_ID", clientId, "SAMPLE_CLIENT_SECRET",
						secretOf(clientId), "SESSION_COOKIE_NAME", clientId.toUpperCase().replace('-', '_')),
				List.of("--sample.messages-api=http://localhost:" + apiPort,
						"--sample.title=" + (clientId.endsWith("a") ? "Sample App A" : "Sample App B"),
						"--spring.security.oauth2.client.registration.latchkey.scope=" + scopes));
	}

	private static String authServerConfig(String issuer, int aPort, int bPort) {
		return """
				spring.security.oauth2.authorizationserver.issuer: %s
				latchkey:
				  accounts:
				    default-roles: [writer]
				  tokens:
				    resources:
				      - audience: messages-api
				        scopes: [messages.read, messages.write]
				  clients:
				    - client-id: sample-client-a
				      name: Sample App A
				      type: web
				      secret: %s
				      redirect-uris: [http://localhost:%d/login/oauth2/code/latchkey]
				      post-logout-redirect-uris: [http://localhost:%d/]
				      backchannel-logout-uri: http://localhost:%d/logout/connect/back-channel/latchkey
				      scopes: [openid, profile, email, messages.read, messages.write]
				      require-consent: true
				    - client-id: sample-client-b
				      name: Sample App B
				      type: web
				      secret: %s
				      redirect-uris: [http://localhost:%d/login/oauth2/code/latchkey]
				      post-logout-redirect-uris: [http://localhost:%d/]
				      backchannel-logout-uri: http://localhost:%d/logout/connect/back-channel/latchkey
				      scopes: [openid, profile, email, messages.read]
				""".formatted(issuer, secretOf("sample-client-a"), aPort, aPort, aPort, secretOf("sample-client-b"),
				bPort, bPort, bPort);
	}

	private static String secretOf(String clientId) {
		return clientId + "-end-to-end-test-secret-0123456789";
	}

}
