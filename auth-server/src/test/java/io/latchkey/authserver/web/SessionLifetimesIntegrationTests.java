package io.latchkey.authserver.web;

import java.util.List;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored sessions are made only when there is something to keep, and live long only once
 * someone signed in to them: monitors and bots reading pages must not fill the session
 * table for eight hours each.
 */
@AuthServerIntegrationTest
class SessionLifetimesIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void pagesAndDocumentsWithNothingToKeepStoreNoSession() {
		int before = sessions();
		for (String path : List.of("/.well-known/openid-configuration", "/oauth2/jwks", "/css/latchkey.css",
				"/login/webauthn.js", "/dev/outbox")) {
			// a fresh user agent each time: no cookie, as a monitor or a crawler
			new HttpUserAgent("http://localhost:" + this.port).get(path);
			assertThat(sessions()).as(path).isEqualTo(before);
		}
	}

	@Test
	void aSignInPageViewIsKeptMinutesAndTheSessionSignedInToHours() {
		HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port);
		String username = Accounts.newUsername();
		Accounts.register(new HttpUserAgent("http://localhost:" + this.port), username);
		int before = sessions();

		browser.get("/login");

		assertThat(sessions()).isEqualTo(before + 1);
		assertThat(newestLifetimeSeconds()).as("the sign-in form's CSRF token, kept 15 minutes").isEqualTo(15 * 60);

		browser.follow(Accounts.signIn(browser, username, Accounts.PASSWORD));

		assertThat(this.jdbc
			.sql("select max_inactive_interval from spring_session s join user_account a"
					+ " on s.principal_name = cast(a.id as varchar) where a.username = ?")
			.param(username)
			.query(Integer.class)
			.single()).isEqualTo(8 * 60 * 60);
	}

	@Test
	void aSessionEndedInTheStoreBetweenRequestsIsEndedForTheNextRequest() {
		// another node (or "sign out everywhere") deletes the row: what one request saved
		// is never what the next request of that browser finds
		HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port);
		String username = Accounts.newUsername();
		Accounts.register(new HttpUserAgent("http://localhost:" + this.port), username);
		browser.follow(Accounts.signIn(browser, username, Accounts.PASSWORD));
		assertThat(browser.get("/").status()).isEqualTo(200);

		this.jdbc
			.sql("delete from spring_session where principal_name ="
					+ " (select cast(id as varchar) from user_account where username = ?)")
			.param(username)
			.update();

		assertThat(browser.get("/").location()).endsWith("/login");
	}

	private int sessions() {
		return this.jdbc.sql("select count(*) from spring_session").query(Integer.class).single();
	}

	private int newestLifetimeSeconds() {
		return this.jdbc.sql("select max_inactive_interval from spring_session order by creation_time desc limit 1")
			.query(Integer.class)
			.single();
	}

}
