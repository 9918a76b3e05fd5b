package io.latchkey.authserver.web;

import java.util.List;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AtOnce;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every browser does: several tabs, or a page and its assets, requested at the same
 * moment with one session cookie. Sessions live in the database (Spring Session JDBC),
 * where parallel requests of one session write the same attribute rows.
 */
@AuthServerIntegrationTest
class ParallelSessionRequestsIntegrationTests {

	private static final int AT_ONCE = 12;

	private static final int ROUNDS = 5;

	private static final List<String> PAGES = List.of("/", "/account/security", "/account/details",
			"/css/latchkey.css");

	@LocalServerPort
	int port;

	@Test
	void pagesWhenRequestedAtOnceInOneSignedInSessionThenNoneFails() {
		HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port);
		Accounts.registerAndSignIn(browser);
		for (int round = 0; round < ROUNDS; round++) {
			List<Integer> statuses = AtOnce.run(AT_ONCE,
					countingThreads(browser, (agent, i) -> agent.get(PAGES.get(i % PAGES.size())).status()));
			assertThat(statuses).as("round " + round).allSatisfy((status) -> assertThat(status).isEqualTo(200));
		}
	}

	@Test
	void pagesWhenRequestedAtOnceInAFreshAnonymousSessionThenNoneFails() {
		for (int round = 0; round < ROUNDS; round++) {
			HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port);
			// the first answer gives the session; then a page that needs sign-in (its
			// request is remembered), the sign-in and registration forms, all at once
			browser.get("/login");
			List<String> pages = List.of("/", "/login", "/register", "/account/security");
			List<Integer> statuses = AtOnce.run(AT_ONCE,
					countingThreads(browser, (agent, i) -> agent.get(pages.get(i % pages.size())).status()));
			assertThat(statuses).as("round " + round).allSatisfy((status) -> assertThat(status).isIn(200, 302));
		}
	}

	/** Gives each of the threads its own number. */
	private static <T> java.util.concurrent.Callable<T> countingThreads(HttpUserAgent agent,
			java.util.function.BiFunction<HttpUserAgent, Integer, T> call) {
		java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
		return () -> call.apply(agent, next.getAndIncrement());
	}

}
