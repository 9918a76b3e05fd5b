package io.latchkey.authserver.account;

import java.util.List;
import java.util.Map;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Where you are signed in": a person sees each browser signed in to their account and
 * signs any other one out, or all others at once; never a session of somebody else.
 */
@AuthServerIntegrationTest
class SessionsIntegrationTests {

	static final String FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

	static final String CHROME_ON_ANDROID = "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36"
			+ " (KHTML, like Gecko) Chrome/141.0.0.0 Mobile Safari/537.36";

	static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X)"
			+ " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpUserAgent laptop;

	String username;

	@BeforeEach
	void setUp() {
		this.laptop = browser(FIREFOX_ON_LINUX);
		this.username = Accounts.registerAndSignIn(this.laptop);
	}

	@Test
	void pageWhenSignedInOnTwoDevicesThenListsBothWithTheCurrentOneFirst() {
		signIn(browser(CHROME_ON_ANDROID));

		List<Element> sessions = this.laptop.get(SessionsController.PATH).document().select("li.session");

		assertThat(sessions).hasSize(2);
		assertThat(sessions.get(0).select(".session-device").text()).isEqualTo("Firefox on Linux");
		assertThat(sessions.get(0).text()).contains("This browser");
		assertThat(sessions.get(0).select("form.sign-out-session")).as("the current one signs out in the header")
			.isEmpty();
		assertThat(sessions.get(1).select(".session-device").text()).isEqualTo("Chrome on Android");
		assertThat(sessions.get(1).select(".session-address").text()).isEqualTo("127.0.0.1");
		assertThat(sessions.get(1).html()).as("a session is never named by its id, which its cookie carries")
			.doesNotContain(sessionIds().toArray(String[]::new));
	}

	@Test
	void signOutWhenPersonEndsAnotherSessionThenThatBrowserIsSignedOutAndThisOneIsNot() {
		HttpUserAgent phone = browser(CHROME_ON_ANDROID);
		signIn(phone);
		Response page = this.laptop.get(SessionsController.PATH);

		Response after = this.laptop.follow(this.laptop.submitForm(page, "form.sign-out-session", Map.of()));

		assertThat(after.document().select(".notice").text()).isEqualTo("That browser is signed out.");
		assertThat(after.document().select("li.session")).hasSize(1);
		assertThat(phone.get("/").location()).endsWith("/login");
		assertThat(this.laptop.get("/").status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select count(*) from audit_event where event_type = 'SESSION_ENDED' and username = ?")
			.param(this.username)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void signOutOthersWhenSignedInOnThreeDevicesThenOnlyThisOneRemains() {
		HttpUserAgent phone = browser(CHROME_ON_ANDROID);
		HttpUserAgent tablet = browser(SAFARI_ON_IPHONE);
		signIn(phone);
		signIn(tablet);

		Response after = this.laptop
			.follow(this.laptop.submitForm(SessionsController.PATH, "form#sign-out-others", Map.of()));

		assertThat(after.document().select(".notice").text()).isEqualTo("Every other browser is signed out.");
		assertThat(phone.get("/").location()).endsWith("/login");
		assertThat(tablet.get("/").location()).endsWith("/login");
		assertThat(this.laptop.get("/").status()).isEqualTo(200);
	}

	@Test
	void signOutWhenTheSessionIsSomebodyElsesThenItStays() {
		HttpUserAgent phone = browser(CHROME_ON_ANDROID);
		signIn(phone);
		String phoneHandle = this.laptop.get(SessionsController.PATH)
			.document()
			.selectFirst("form.sign-out-session input[name=session]")
			.attr("value");
		HttpUserAgent stranger = browser(SAFARI_ON_IPHONE);
		Accounts.registerAndSignIn(stranger);

		Response posted = stranger.postForm(SessionsController.PATH + "/sign-out",
				Map.of("session", phoneHandle, "_csrf", csrf(stranger)));

		assertThat(posted.status()).isEqualTo(302);
		assertThat(phone.get("/").status()).isEqualTo(200);
	}

	private HttpUserAgent browser(String userAgent) {
		return new HttpUserAgent("http://localhost:" + this.port, Map.of("User-Agent", userAgent));
	}

	private void signIn(HttpUserAgent browser) {
		browser.follow(Accounts.signIn(browser, this.username, Accounts.PASSWORD));
		assertThat(browser.get("/").status()).isEqualTo(200);
	}

	private static String csrf(HttpUserAgent browser) {
		return browser.get(SessionsController.PATH).document().selectFirst("input[name=_csrf]").attr("value");
	}

	private List<String> sessionIds() {
		return this.jdbc.sql("select session_id from spring_session").query(String.class).list();
	}

}
