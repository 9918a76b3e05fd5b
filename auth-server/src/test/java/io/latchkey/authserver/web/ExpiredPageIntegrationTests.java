package io.latchkey.authserver.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page refused, as a person meets it: a form sent after the session ended leads to
 * signing in again and back to the page, one from before the last sign-in says the page
 * expired, and a page the account's roles do not open says that, never "You are not
 * allowed here" for all three.
 */
@AuthServerIntegrationTest
class ExpiredPageIntegrationTests {

	@LocalServerPort
	int port;

	Person person;

	@BeforeEach
	void signIn() {
		this.person = Person.registered(this.port);
		this.person.browser().follow(Accounts.signIn(this.person.browser(), this.person.username(), Accounts.PASSWORD));
	}

	@Test
	void formWhenSentAfterTheSessionEndedThenSignInAgainAndBackToThePage() {
		HttpUserAgent browser = this.person.browser();
		Response details = browser.get("/account/details");
		assertThat(details.status()).isEqualTo(200);
		// the session ends (here by signing out in another tab) while the page stays open
		browser.submitForm("/account", "form[action$=/logout]", Map.of());

		Response sent = browser.submitForm(details, "form[action$=/account/details]", Map.of());

		assertThat(sent.status()).isEqualTo(302);
		assertThat(sent.location()).endsWith("/login?session-ended");
		Response signInPage = browser.follow(sent);
		assertThat(signInPage.document().select("[role=alert]").text()).contains("Your session ended");
		Response signedIn = Accounts.signIn(browser, this.person.username(), Accounts.PASSWORD);
		assertThat(signedIn.location()).endsWith("/account/details");
		assertThat(browser.follow(signedIn).document().select("form[action$=/account/details]")).hasSize(1);
	}

	@Test
	void formWhenSentAfterTheSessionEndedFromAnotherSiteThenOnlyAPathOfOursIsReturnedTo() {
		// the Referer names another host: only its path is kept, on this server
		assertThat(returnAfterSignIn("https://attacker.example/account/password?x=1"))
			.isEqualTo("http://localhost:" + this.port + "/account/password?x=1");
		// a path a browser would read as another host is not kept at all
		assertThat(returnAfterSignIn("http://localhost:" + this.port + "//attacker.example/x"))
			.isEqualTo("http://localhost:" + this.port + "/account/details");
		assertThat(returnAfterSignIn("not a URI \\ at all"))
			.isEqualTo("http://localhost:" + this.port + "/account/details");
	}

	/** Where signing in leads after a stale form was sent with the given Referer. */
	private String returnAfterSignIn(String referer) {
		HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port);
		Response sent = browser.send(HttpRequest.newBuilder(URI.create(browser.baseUrl() + "/account/details"))
			.header("Referer", referer)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=from-an-ended-session&displayName=x")));
		assertThat(sent.location()).endsWith("/login?session-ended");
		Response signedIn = Accounts.signIn(browser, this.person.username(), Accounts.PASSWORD);
		return URI.create(browser.baseUrl()).resolve(signedIn.location()).toString();
	}

	@Test
	void formWhenItsTokenIsNotTheSessionsThenThePageExpiredAndNotForbidden() {
		Response sent = this.person.browser().postForm("/account/details", Map.of("_csrf", "from-an-older-page"));

		assertThat(sent.status()).isEqualTo(403);
		assertThat(sent.document().select("h1").text()).isEqualTo("This page has expired");
		assertThat(sent.document().select("#error-message").text()).isEqualTo(
				"This page was open from before your last sign-in, so it cannot be sent. Reload it and send it again.");
		assertThat(sent.body()).doesNotContain("You are not allowed here");
	}

	@Test
	void pageWhenTheAccountLacksItsRoleThenSaysWhichKindOfRefusal() {
		Response admin = this.person.browser().get("/admin/clients");

		assertThat(admin.status()).isEqualTo(403);
		assertThat(admin.document().select("#error-message").text())
			.isEqualTo("Your account does not have the role this page needs. An administrator can give it to you.");
	}

	@Test
	void signOutWhenSentAfterTheSessionEndedThenSignedOutPage() {
		HttpUserAgent browser = this.person.browser();
		Response home = browser.get("/account");
		browser.submitForm(home, "form[action$=/logout]", Map.of());

		Response again = browser.submitForm(home, "form[action$=/logout]", Map.of());

		assertThat(again.location()).endsWith("/login?logout");
	}

}
