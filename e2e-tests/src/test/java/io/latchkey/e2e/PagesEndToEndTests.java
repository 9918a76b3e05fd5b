package io.latchkey.e2e;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of auth-server and of the sample app, signed out and in, error pages
 * included, each checked by {@link PageChecks} at both sizes; and what a person controls
 * from their account, done in the browser: removing an application's access, signing out
 * another device, and the pages and mail in German.
 */
class PagesEndToEndTests {

	/** The pages {@link #everyPageAtBothSizes()} visits, each by the name it checks. */
	static final List<String> PAGES = List.of("sign-in", "sign-in failed", "registration with errors",
			"forgot password", "resend verification", "reset link invalid", "verification link invalid", "not found",
			"oauth error", "sample app signed out", "sample app sign-in failed", "sample app not found",
			"sign-in for an application", "consent", "sample app signed in", "sample app messages", "account",
			"profile", "change e-mail", "change password", "delete account", "security", "authenticator setup",
			"connected applications", "sessions", "connect a device", "sign-out page", "development outbox",
			"forbidden", "page expired", "developer portal", "new client", "client", "edit client", "try a client",
			"administration", "people", "person", "clients", "audit trail", "signing keys");

	private static final String PASSWORD = "end to end passphrase";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String ADMIN_PASSWORD = "console keeper of the gates 2026";

	@TempDir
	static Path workDir;

	static Program authServer;

	static Program resourceServer;

	static Program app;

	static ChromeDriver browser;

	static BrowserSteps steps;

	PageChecks pages;

	@BeforeAll
	static void startEverything() throws Exception {
		int authPort = Program.freePort();
		int apiPort = Program.freePort();
		int appPort = Program.freePort();
		String issuer = "http://localhost:" + authPort;
		authServer = Program.startAuthServer(workDir, authPort, authServerConfig(issuer, appPort));
		resourceServer = new Program("sample-resource-server", Program.runnableJar("sample-resource-server"), workDir,
				apiPort, Map.of("LATCHKEY_ISSUER", issuer), List.of())
			.start();
		app = new Program("sample-client-a", Program.runnableJar("sample-client-app"), workDir, appPort,
				Map.of("LATCHKEY_ISSUER", issuer, "SAMPLE_CLIENT_ID", "sample-client-a", "SAMPLE_CLIENT_SECRET", SECRET,
						"SESSION_COOKIE_NAME", "SAMPLE_CLIENT_A"),
				List.of("--sample.messages-api=http://localhost:" + apiPort, "--sample.title=Sample App A",
						"--spring.security.oauth2.client.registration.latchkey.scope=openid,profile,email,messages.read"))
			.start();
		browser = Chromium.start(Files.createDirectories(workDir.resolve("chromium")));
		steps = new BrowserSteps(browser);
	}

	@AfterAll
	static void stopEverything() {
		if (browser != null) {
			browser.quit();
		}
		for (Program program : new Program[] { app, resourceServer, authServer }) {
			if (program != null) {
				program.close();
			}
		}
	}

	@BeforeEach
	void signedOut() {
		this.pages = new PageChecks(browser);
		for (String url : List.of(authServer.url(), app.url())) {
			browser.get(url + "/favicon.svg");
			browser.manage().deleteAllCookies();
		}
	}

	@Test
	void everyPageAtBothSizes() {
		String username = newUsername();
		String auth = authServer.url();

		// signed out
		visit(auth + "/login", "sign-in", "sign-in.png");
		// the Tab key walks the form in reading order
		assertThat(this.pages.tabOrder(6)).containsSubsequence("username", "password", "button \"Sign in\"",
				"passkey-signin");
		steps.type(By.id("username"), "nobody-" + username);
		steps.type(By.id("password"), "not the password");
		steps.click(By.cssSelector("button[type=submit].primary"));
		steps.awaitUrlStartsWith(auth + "/login?error");
		this.pages.check("sign-in failed");
		browser.get(auth + "/register");
		steps.type(By.id("username"), username);
		steps.type(By.id("email"), "not an address");
		steps.type(By.id("password"), "short");
		steps.type(By.id("confirmPassword"), "other");
		browser.executeScript("document.querySelector('form[action$=\"/register\"]').noValidate = true;");
		steps.click(By.cssSelector("button[type=submit].primary"));
		steps.awaitText(By.cssSelector(".errors"), "");
		// the first field with an error has the focus
		assertThat(this.pages.focusedElement()).isEqualTo("email");
		this.pages.check("registration with errors");
		visit(auth + "/forgot-password", "forgot password");
		visit(auth + "/verify-email/resend", "resend verification");
		visit(auth + "/reset-password?token=not-a-token", "reset link invalid");
		visit(auth + "/verify-email?token=not-a-token", "verification link invalid");
		visit(auth + "/no-such-page", "not found");
		visit(auth + "/oauth2/authorize?response_type=code&client_id=no-such-client&scope=openid", "oauth error");
		visit(app.url() + "/", "sample app signed out");
		visit(app.url() + "/sign-in-failed?error=access_denied", "sample app sign-in failed");
		visit(app.url() + "/no-such-page", "sample app not found");

		// through the sample app to its consent page, as a new account
		browser.get(app.url() + "/");
		steps.click(By.id("sign-in"));
		steps.awaitUrlStartsWith(auth + "/login");
		this.pages.check("sign-in for an application");
		steps.createAccountAndSignIn(username, PASSWORD);
		steps.awaitText(By.tagName("h1"), "Sample App A");
		this.pages.check("consent", "consent.png");
		steps.click(By.id("submit-consent"));
		steps.awaitUrlStartsWith(app.url());
		this.pages.check("sample app signed in");
		visit(app.url() + "/messages", "sample app messages");

		// the account's pages
		visit(auth + "/", "account", "account.png");
		visit(auth + "/account/details", "profile");
		visit(auth + "/account/email", "change e-mail");
		visit(auth + "/account/password", "change password");
		visit(auth + "/account/delete", "delete account");
		visit(auth + "/account/security", "security", "security.png");
		visit(auth + "/account/security/totp", "authenticator setup");
		visit(auth + "/account/applications", "connected applications");
		visit(auth + "/account/sessions", "sessions");
		visit(auth + "/activate", "connect a device");
		visit(auth + "/logout/confirm", "sign-out page");
		visit(auth + "/dev/outbox", "development outbox");
		visit(auth + "/admin", "forbidden");
		// a form from before the last sign-in: its token is no longer the session's
		browser.get(auth + "/account/details");
		browser.executeScript("document.querySelector('form[action$=\"/account/details\"] input[name=_csrf]')"
				+ ".value = 'from-an-older-page';");
		steps.click(By.cssSelector("form[action$='/account/details'] button[type=submit]"));
		steps.awaitText(By.tagName("h1"), "This page has expired");
		this.pages.check("page expired");

		// the developer portal: every account here is a developer
		visit(auth + "/developer/clients", "developer portal", "portal.png");
		visit(auth + "/developer/clients/new", "new client");
		steps.type(By.id("name"), "Page check client");
		steps.type(By.id("redirectUris"), auth + "/developer/clients/try-callback");
		if (!browser.findElement(By.cssSelector("input[name=scopes][value=openid]")).isSelected()) {
			steps.click(By.cssSelector("input[name=scopes][value=openid]"));
		}
		steps.click(By.cssSelector("form button[type=submit].primary"));
		steps.awaitText(By.tagName("h1"), "Page check client");
		this.pages.check("client");
		String clientPage = browser.getCurrentUrl();
		visit(clientPage + "/edit", "edit client");
		visit(clientPage + "/try", "try a client");

		// the administrator's pages
		signOut();
		browser.get(auth + "/login");
		steps.type(By.id("username"), "admin");
		steps.type(By.id("password"), ADMIN_PASSWORD);
		steps.click(By.cssSelector("button[type=submit].primary"));
		steps.awaitText(By.tagName("h1"), "Hello");
		visit(auth + "/admin", "administration", "admin.png");
		visit(auth + "/admin/users", "people");
		steps.click(By.linkText(username));
		steps.awaitText(By.tagName("h1"), username);
		this.pages.check("person");
		visit(auth + "/admin/clients", "clients");
		visit(auth + "/admin/audit", "audit trail");
		visit(auth + "/admin/keys", "signing keys");

		assertThat(this.pages.visited()).extracting((visit) -> visit.substring(0, visit.lastIndexOf(' ')))
			.containsExactlyElementsOf(PAGES);
		this.pages.assertNone();
		System.out.println("Pages checked: " + this.pages.visited().size() + " at 1280 and 390 px; "
				+ this.pages.minorViolations() + " minor or moderate axe findings, 0 serious or critical");
	}

	/**
	 * "Remove access" on the account's list of connected applications: the application's
	 * refresh token stops working, it hears of it over the back channel and ends the
	 * person's session there, and the next sign-in through it asks for consent again.
	 */
	@Test
	void personRemovesTheSampleAppsAccessThenItSignsThemOutAndAsksAgain() throws Exception {
		String username = newUsername();
		signInThroughTheApp(username);
		String refreshToken = refreshTokenOfTheApp(username);
		assertThat(refresh(refreshToken).statusCode()).isEqualTo(200);

		browser.get(authServer.url() + "/account/applications");
		steps.awaitText(By.cssSelector(".application-name"), "Sample App A");
		steps.click(By.cssSelector("form.remove-access button"));
		steps.awaitText(By.id("access-removed"), "Sample App A no longer has access to your account.");
		this.pages.check("connected applications after removal");

		// RFC 6749 section 5.2: a grant that was revoked is invalid_grant
		HttpResponse<String> refused = refresh(refreshToken);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(json.readValue(refused.body(), Map.class)).containsEntry("error", "invalid_grant");

		// the app's own session ends (back-channel logout); signing in asks again
		awaitSignedOutOfTheApp();
		steps.awaitText(By.tagName("h1"), "Sample App A");
		assertThat(steps.isPresent(By.id("submit-consent"))).isTrue();
		this.pages.assertNone();
	}

	/** "Where you are signed in": another device of the person's is signed out. */
	@Test
	void personSignsOutAnotherDeviceThenThatDeviceIsSignedOut() {
		String username = newUsername();
		signInThroughTheApp(username);
		HttpUserAgent phone = new HttpUserAgent(authServer.url(),
				Map.of("User-Agent", "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko)"
						+ " Chrome/141.0.0.0 Mobile Safari/537.36"));
		phone.follow(Accounts.signIn(phone, username, PASSWORD));
		assertThat(phone.get("/").status()).isEqualTo(200);

		browser.get(authServer.url() + "/account/sessions");
		steps.awaitText(By.cssSelector("li.session:not(.current) .session-device"), "Chrome on Android");
		this.pages.check("sessions with two devices");
		steps.click(By.cssSelector("form.sign-out-session button"));
		steps.awaitText(By.cssSelector("[role=status]"), "That browser is signed out.");

		assertThat(phone.get("/").location()).endsWith("/login");
		assertThat(browser.findElements(By.cssSelector("li.session"))).hasSize(1);
		this.pages.assertNone();
	}

	/**
	 * A person whose profile says German sees German pages and gets German mail (here in
	 * the development outbox, since no SMTP server is configured).
	 */
	@Test
	void personChoosesGermanThenPagesAndMailAreGerman() {
		String username = newUsername();
		signInThroughTheApp(username);
		browser.get(authServer.url() + "/account/details");
		steps.type(By.id("locale"), "de-DE");
		steps.click(By.cssSelector("form[action$='/account/details'] button[type=submit]"));

		steps.awaitText(By.id("edit-details"), "Profil bearbeiten");
		assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("de");
		this.pages.check("account in German");
		browser.get(authServer.url() + "/account/security");
		steps.awaitText(By.tagName("h1"), "Zweistufige Anmeldung und Passkeys");
		this.pages.check("security in German");

		signOut();
		browser.get(authServer.url() + "/forgot-password");
		steps.type(By.id("email"), username + "@example.com");
		steps.click(By.cssSelector("form[action$='/forgot-password'] button[type=submit]"));
		steps.awaitText(By.cssSelector("[role=status]"), "If an account has this address");
		browser.get(authServer.url() + "/dev/outbox");
		steps.awaitText(By.tagName("main"), "Ihr Latchkey-Passwort zurücksetzen");
		assertThat(steps.text(By.tagName("main"))).contains("Hallo " + username);
		this.pages.assertNone();
	}

	/**
	 * A refresh token the sample app holds for the person, got as the app gets one (its
	 * redirect URI, its secret), from another browser of theirs, since the app keeps its
	 * tokens to itself.
	 */
	private static String refreshTokenOfTheApp(String username) throws Exception {
		HttpUserAgent browser = new HttpUserAgent(authServer.url());
		browser.follow(Accounts.signIn(browser, username, PASSWORD));
		Pkce pkce = Pkce.generate();
		String redirectUri = app.url() + "/login/oauth2/code/latchkey";
		String authorize = authServer.url() + "/oauth2/authorize?"
				+ HttpUserAgent.formEncode(Map.of("response_type", "code", "client_id", "sample-client-a", "scope",
						"openid profile", "redirect_uri", redirectUri, "state", "e2e", "code_challenge",
						pkce.challenge(), "code_challenge_method", "S256"));
		String location = browser.get(authorize).location();
		assertThat(location).as("consent was given in Chromium").startsWith(redirectUri);
		String code = URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
		HttpResponse<String> tokens = tokenRequest(Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", redirectUri, "code_verifier", pkce.verifier()));
		assertThat(tokens.statusCode()).isEqualTo(200);
		return (String) json.readValue(tokens.body(), Map.class).get("refresh_token");
	}

	private static HttpResponse<String> refresh(String refreshToken) throws Exception {
		return tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

	private static HttpResponse<String> tokenRequest(Map<String, String> form) throws Exception {
		String credentials = Base64.getEncoder()
			.encodeToString(("sample-client-a:" + SECRET).getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(authServer.url() + "/oauth2/token"))
				.header("Authorization", "Basic " + credentials)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(HttpUserAgent.formEncode(form)))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void visit(String url, String name) {
		visit(url, name, null);
	}

	private void visit(String url, String name, String screenshot) {
		browser.get(url);
		this.pages.check(name, screenshot);
	}

	private static void signInThroughTheApp(String username) {
		browser.get(app.url() + "/");
		steps.click(By.id("sign-in"));
		steps.awaitUrlStartsWith(authServer.url() + "/login");
		steps.createAccountAndSignIn(username, PASSWORD);
		steps.click(By.id("submit-consent"));
		steps.awaitUrlStartsWith(app.url());
		browser.get(app.url() + "/messages");
		steps.awaitText(By.id("user-name"), username);
	}

	private static void awaitSignedOutOfTheApp() {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			browser.get(app.url() + "/messages");
			if (browser.getCurrentUrl().startsWith(authServer.url() + "/oauth2/consent")) {
				return;
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("The sample app still has a session: " + browser.getCurrentUrl());
	}

	private static void signOut() {
		browser.get(authServer.url() + "/");
		steps.click(By.cssSelector("form[action$='/logout'] button"));
		steps.awaitUrlStartsWith(authServer.url() + "/login");
	}

	private static String newUsername() {
		return "e2e" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static final String SECRET = "sample-client-a-end-to-end-test-secret-0123456789";

	private static String authServerConfig(String issuer, int appPort) {
		return """
				spring.security.oauth2.authorizationserver.issuer: %s
				latchkey:
				  accounts:
				    default-roles: [writer, developer]
				  bootstrap-admin:
				    username: admin
				    email: admin@localhost
				    password: %s
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
				""".formatted(issuer, ADMIN_PASSWORD, SECRET, appPort, appPort, appPort);
	}

}
