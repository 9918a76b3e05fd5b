package io.latchkey.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import io.latchkey.authserver.support.TestMailServer;
import io.latchkey.authserver.support.TotpCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person looking after their account in Chromium, with auth-server started from its jar
 * and sending real mail over SMTP: register and verify the address from the message,
 * reset a forgotten password from the message, turn on an authenticator app and sign in
 * with its code, add a passkey (Chromium's virtual authenticator) and sign in with it.
 */
class AccountSecurityEndToEndTests {

	private static final String FIRST_PASSWORD = "first end to end passphrase";

	private static final String NEW_PASSWORD = "second end to end passphrase";

	@TempDir
	static Path workDir;

	static Program authServer;

	static ChromeDriver browser;

	static BrowserSteps steps;

	@BeforeAll
	static void start() throws Exception {
		int port = Program.freePort();
		authServer = Program.startAuthServer(workDir, port, """
				spring:
				  security.oauth2.authorizationserver.issuer: http://localhost:%d
				  mail:
				    host: 127.0.0.1
				    port: %d
				""".formatted(port, TestMailServer.port()));
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
	void personVerifiesAddressResetsPasswordAndSignsInWithAppCodeAndPasskey() {
		String username = "e2e" + UUID.randomUUID().toString().substring(0, 8);
		String email = username + "@example.com";
		PageChecks pages = new PageChecks(browser);

		// register; the verification message arrives over SMTP and its link verifies the
		// address
		steps.open(authServer.url() + "/register");
		steps.type(By.id("username"), username);
		steps.type(By.id("email"), email);
		steps.type(By.id("password"), "short");
		steps.awaitText(By.id("password-strength"), "more characters to go");
		steps.type(By.id("password"), FIRST_PASSWORD);
		steps.awaitText(By.id("password-strength"), "Strong");
		steps.type(By.id("confirmPassword"), FIRST_PASSWORD);
		steps.click(By.cssSelector("button[type=submit].primary"));
		steps.awaitText(By.cssSelector("[role=status]"), "Your account is ready");
		steps.open(TestMailServer.awaitMessage(email, 1).link("/verify-email?token="));
		steps.awaitText(By.id("outcome"), "your e-mail address is verified");
		pages.check("address verified");

		// forgot the password: the reset message's link sets a new one
		steps.open(authServer.url() + "/login");
		steps.click(By.linkText("Forgot your password?"));
		steps.type(By.id("email"), email);
		steps.click(By.cssSelector("button[type=submit].primary"));
		steps.awaitText(By.cssSelector("[role=status]"), "If an account has this address");
		steps.open(TestMailServer.awaitMessage(email, 2).link("/reset-password?token="));
		pages.check("choose a new password");
		steps.type(By.id("password"), NEW_PASSWORD);
		steps.type(By.id("confirmPassword"), NEW_PASSWORD);
		steps.click(By.cssSelector("button[type=submit].primary"));
		steps.awaitText(By.cssSelector("[role=status]"), "Your password has changed");
		signInWithPassword(username, NEW_PASSWORD);
		steps.awaitText(By.id("email-status"), "verified");

		// turn on the authenticator app: scan (here: read) the key, confirm with a code
		steps.click(By.id("security"));
		steps.click(By.id("setup-totp"));
		String secret = steps.text(By.id("totp-secret"));
		steps.type(By.id("code"), TotpCodes.code(secret, Instant.now()));
		steps.type(By.id("currentPassword"), NEW_PASSWORD);
		steps.click(By.cssSelector("button[type=submit].primary"));
		steps.awaitText(By.tagName("h1"), "Your recovery codes");
		assertThat(browser.findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
		pages.check("recovery codes");

		// signing in now asks for the app's code after the password (the next code: the
		// current one was used to turn the app on)
		signOut();
		signInWithPassword(username, NEW_PASSWORD);
		steps.awaitUrlStartsWith(authServer.url() + "/login/second-factor");
		pages.check("second step of the sign-in");
		steps.type(By.id("code"), TotpCodes.code(secret, Instant.now().plusSeconds(30)));
		steps.click(By.cssSelector("button[type=submit].primary"));
		steps.awaitText(By.id("username"), username);

		// add a passkey held by Chromium's virtual authenticator, then sign in with it
		// alone
		VirtualAuthenticator authenticator = browser.addVirtualAuthenticator(
				new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
					.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
					.setHasResidentKey(true)
					.setHasUserVerification(true)
					.setIsUserVerified(true)
					.setIsUserConsenting(true));
		try {
			steps.open(authServer.url() + "/account/security");
			steps.type(By.id("passkey-label"), "virtual authenticator");
			steps.click(By.id("passkey-register"));
			steps.awaitText(By.cssSelector("[role=status]"), "Your passkeys are updated");
			steps.awaitText(By.cssSelector(".passkey-list"), "virtual authenticator");
			assertThat(authenticator.getCredentials()).hasSize(1);
			pages.check("security with an authenticator app and a passkey");

			signOut();
			steps.click(By.id("passkey-signin"));
			steps.awaitText(By.id("username"), username);
			steps.click(By.id("security"));
			assertThat(steps.text(By.cssSelector(".passkey-list"))).contains("virtual authenticator");
		}
		finally {
			browser.removeVirtualAuthenticator(authenticator);
		}
		pages.assertNone();
	}

	private static void signInWithPassword(String username, String password) {
		steps.open(authServer.url() + "/login");
		steps.type(By.id("username"), username);
		steps.type(By.id("password"), password);
		steps.click(By.cssSelector("form[action$='/login'] button[type=submit]"));
	}

	private static void signOut() {
		steps.click(By.cssSelector(".site-header form button"));
		steps.awaitUrlStartsWith(authServer.url() + "/login?logout");
	}

}
