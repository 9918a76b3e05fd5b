package io.latchkey.authserver.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AtOnce;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.DatabaseProxy;
import io.latchkey.authserver.support.FreshDatabaseInitializer;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Person;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database going away, as it does: the PostgreSQL server stops (the test cuts the TCP
 * proxy between the server and the database: connections break, new ones are refused) or
 * a connection dies in the middle of a grant (a trigger terminates its own backend at the
 * statement after which a grant would be half done). Every answer is a fast 503 with
 * {@code Retry-After} in the endpoint's format, nothing is committed that the client was
 * not told of, and the server recovers without a restart.
 */
@AuthServerIntegrationTest
@TestPropertySource(properties = FreshDatabaseInitializer.THROUGH_PROXY + "=true")
class DatabaseOutageIntegrationTests {

	/** Longer than the pool's 2 s wait, far shorter than its 30 s default. */
	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	DatabaseProxy database;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets clientSecrets;

	Person person;

	OAuthFlows flows;

	RegisteredClient client;

	RegisteredClient service;

	@BeforeEach
	void setUp() {
		this.person = Person.registered(this.port);
		this.flows = new OAuthFlows(this.person.browser());
		this.client = TestClients.webClient(this.clients, this.clientSecrets, false);
		this.service = TestClients.serviceClient(this.clients, this.clientSecrets);
	}

	@AfterEach
	void restore() {
		this.database.restore();
		awaitRecovery();
		this.jdbc.sql("drop trigger if exists test_fault on used_refresh_token").update();
		this.jdbc.sql("drop trigger if exists test_fault on oauth2_authorization").update();
		this.jdbc.sql("drop trigger if exists test_fault on audit_event").update();
	}

	@Test
	void whileTheDatabaseIsAwayEveryEndpointAnswersAFast503AndTheServerRecoversAlone() {
		TokenResponse tokens = signInAndGetTokens();
		Response signInPage = this.person.browser().get("/login");
		this.database.cut();
		long cutAt = System.nanoTime();

		// RFC 6749 section 5.2 has no code for it; temporarily_unavailable (section
		// 4.1.2.1) with 503 and Retry-After (RFC 9110 section 10.2.3) is what clients
		// retry
		assertUnavailableJson(() -> refresh(tokens.get("refresh_token")).raw());
		assertUnavailableJson(() -> this.flows
			.tokenRequest(this.service.getClientId(), TestClients.SECRET, Map.of("grant_type", "client_credentials"))
			.raw());
		assertUnavailableJson(() -> this.flows.getWithBearer("/userinfo", tokens.get("access_token")).raw());
		assertUnavailableJson(() -> this.flows
			.post("/oauth2/introspect", this.client.getClientId(), TestClients.SECRET,
					Map.of("token", tokens.get("access_token")))
			.raw());
		assertUnavailableJson(() -> this.flows
			.post("/oauth2/revoke", this.client.getClientId(), TestClients.SECRET,
					Map.of("token", tokens.get("access_token")))
			.raw());
		assertUnavailablePage(() -> this.person.browser()
			.get(this.flows.authorizationUrl(this.client.getClientId(), "openid", Pkce.generate(), Map.of())));
		assertUnavailablePage(() -> this.person.browser()
			.submitForm(signInPage, "form[action$=/login]",
					Map.of("username", this.person.username(), "password", Accounts.PASSWORD)));
		// what needs no database goes on: discovery and the keys relying parties verify
		// with
		assertThat(this.person.browser().get("/.well-known/openid-configuration").status()).isEqualTo(200);
		assertThat(this.person.browser().get("/oauth2/jwks").status()).isEqualTo(200);

		this.database.restore();
		long restoredAt = System.nanoTime();
		awaitRecovery();
		System.out.printf("database outage: away %d ms; first token after its return %d ms%n",
				Duration.ofNanos(restoredAt - cutAt).toMillis(),
				Duration.ofNanos(System.nanoTime() - restoredAt).toMillis());

		// nothing was rotated or revoked while the answers were 503
		TokenResponse refreshed = refresh(tokens.get("refresh_token"));
		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(this.flows.getWithBearer("/userinfo", refreshed.get("access_token")).status()).isEqualTo(200);
	}

	@Test
	void refreshWhenTheConnectionDiesBeforeTheRotationCommitsThen503AndThePresentedTokenStillWorks() {
		TokenResponse tokens = signInAndGetTokens();
		// the last statement of a rotation: the used token is remembered
		failNext("used_refresh_token", "insert");

		assertUnavailableJson(() -> refresh(tokens.get("refresh_token")).raw());

		this.jdbc.sql("drop trigger test_fault on used_refresh_token").update();
		TokenResponse retried = refresh(tokens.get("refresh_token"));
		assertThat(retried.status()).as("the retry with the token the client still holds").isEqualTo(200);
		assertThat(refresh(retried.get("refresh_token")).status()).isEqualTo(200);
	}

	@Test
	void codeWhenTheConnectionDiesWhileItIsExchangedThen503AndTheCodeCanStillBeExchanged() {
		Pkce pkce = Pkce.generate();
		String code = this.flows.code(this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(this.client.getClientId(), "openid", pkce, Map.of()),
				this.person.username()));
		// the exchange writes the tokens into the authorization that holds the code
		failNext("oauth2_authorization", "update");

		assertUnavailableJson(() -> this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier()).raw());

		this.jdbc.sql("drop trigger test_fault on oauth2_authorization").update();
		TokenResponse retried = this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier());
		assertThat(retried.status()).isEqualTo(200);
		assertThat(retried.get("id_token")).isNotBlank();
	}

	@Test
	void signInWhenTheConnectionDiesAsItIsRecordedThenAPageSaysSoAndTheNextTrySignsIn() {
		HttpUserAgent browser = new HttpUserAgent(this.person.browser().baseUrl());
		Response signInPage = browser.get("/login");
		failNext("audit_event", "insert");

		assertUnavailablePage(() -> browser.submitForm(signInPage, "form[action$=/login]",
				Map.of("username", this.person.username(), "password", Accounts.PASSWORD)));

		this.jdbc.sql("drop trigger test_fault on audit_event").update();
		Response signedIn = Accounts.signIn(browser, this.person.username(), Accounts.PASSWORD);
		assertThat(signedIn.isRedirect()).isTrue();
		assertThat(signedIn.location()).doesNotContain("error");
	}

	@Test
	void refreshChainsUnderLoadWhileTheDatabaseGoesAndComesBackEndWorkingOrCleanlyRefused() {
		int chains = 4;
		List<String> current = new ArrayList<>();
		for (int i = 0; i < chains; i++) {
			current.add(signInAndGetTokens().get("refresh_token"));
		}
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger chainsStarted = new AtomicInteger();
		Thread faults = new Thread(() -> {
			sleep(1500);
			this.database.cut();
			sleep(3000);
			this.database.restore();
			sleep(3000);
			running.set(false);
		});
		faults.start();
		// each chain refreshes as fast as it can, keeping the token of its last 200
		List<List<Integer>> statuses = AtOnce.run(chains, () -> {
			int chain = chainsStarted.getAndIncrement();
			List<Integer> seen = new ArrayList<>();
			while (running.get() && seen.size() < 2000) {
				TokenResponse answer = refresh(current.get(chain));
				seen.add(answer.status());
				if (answer.status() == 200) {
					current.set(chain, answer.get("refresh_token"));
				}
				else if (answer.status() == 503) {
					assertThat(answer.error()).isEqualTo("temporarily_unavailable");
					sleep(100);
				}
				else {
					break;
				}
			}
			return seen;
		});
		join(faults);
		awaitRecovery();

		List<Integer> all = statuses.stream().flatMap(List::stream).toList();
		long working = current.stream().filter((token) -> refresh(token).status() == 200).count();
		System.out.printf("refresh chains under load: %d answers, %d x 200, %d x 503, other %s; %d of %d chains work%n",
				all.size(), all.stream().filter((s) -> s == 200).count(), all.stream().filter((s) -> s == 503).count(),
				all.stream().filter((s) -> s != 200 && s != 503).toList(), working, chains);
		assertThat(all).contains(200, 503).allSatisfy((status) -> assertThat(status).isIn(200, 400, 503));
		// a chain may end only where a commit succeeded whose acknowledgement the cut
		// lost: the
		// client, told 503, retries the token it holds, which is now used, and is refused
		// cleanly
		// (invalid_grant); a token handed out with a 200 is never refused. Any chain in
		// flight at
		// the cut can end so, so the count of chains left working is not fixed.
		for (List<Integer> chain : statuses) {
			if (chain.get(chain.size() - 1) == 400) {
				assertThat(chain).as("a chain refused after a 200 rather than after a cut").hasSizeGreaterThan(1);
				assertThat(chain.get(chain.size() - 2)).as("the answer before the refusal").isEqualTo(503);
			}
		}
		long ended = statuses.stream().filter((chain) -> chain.get(chain.size() - 1) == 400).count();
		assertThat(working).isEqualTo(chains - ended);
	}

	private TokenResponse signInAndGetTokens() {
		Pkce pkce = Pkce.generate();
		String code = this.flows.code(this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(this.client.getClientId(), "openid", pkce, Map.of()),
				this.person.username()));
		TokenResponse tokens = this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier());
		assertThat(tokens.status()).isEqualTo(200);
		return tokens;
	}

	private TokenResponse refresh(String refreshToken) {
		return this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

	/** The next such statement on the table ends its own connection, mid-transaction. */
	private void failNext(String table, String operation) {
		this.jdbc.sql("""
				create or replace function test_terminate_own_backend() returns trigger language plpgsql as $$
				begin
					perform pg_terminate_backend(pg_backend_pid());
					return new;
				end $$""").update();
		this.jdbc
			.sql("create trigger test_fault before " + operation + " on " + table
					+ " for each row execute function test_terminate_own_backend()")
			.update();
	}

	@Test
	void readinessWhileTheDatabaseIsAwayThenNotReadyButAliveAndReadyAgainAfter() {
		HttpUserAgent monitor = new HttpUserAgent("http://127.0.0.1:" + this.managementPort, Map.of("Accept", "*/*"));
		assertThat(monitor.get("/actuator/health/readiness").status()).isEqualTo(200);

		this.database.cut();

		// a load balancer stops sending requests; nothing restarts the node
		Response readiness = timed(() -> monitor.get("/actuator/health/readiness"));
		assertThat(readiness.status()).isEqualTo(503);
		assertThat(readiness.body()).contains("\"status\":\"DOWN\"").contains("\"db\"");
		assertThat(monitor.get("/actuator/health/liveness").status()).isEqualTo(200);
		this.database.restore();
		awaitRecovery();
		assertThat(monitor.get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	private void assertUnavailableJson(Supplier<Response> request) {
		Response answer = timed(request);
		assertThat(answer.status()).as(answer.body()).isEqualTo(503);
		assertThat(answer.header("Retry-After")).isNotBlank();
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.body()).contains("\"error\":\"temporarily_unavailable\"")
			.doesNotContainIgnoringCase("exception")
			.doesNotContainIgnoringCase("sql");
	}

	private void assertUnavailablePage(Supplier<Response> request) {
		Response answer = timed(request);
		assertThat(answer.status()).as(answer.body()).isEqualTo(503);
		assertThat(answer.header("Retry-After")).isNotBlank();
		assertThat(answer.header("Content-Type")).startsWith("text/html");
		assertThat(answer.document().select("h1").text()).isEqualTo("Latchkey is unavailable just now");
	}

	private static Response timed(Supplier<Response> request) {
		long start = System.nanoTime();
		Response answer = request.get();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		System.out.printf("database away: %s answered %d in %d ms%n", answer.uri().getPath(), answer.status(),
				took.toMillis());
		// a bound on hanging, not a speed measurement: the pool's default made it 30 s
		assertThat(took).as("answered before a client gives up").isLessThan(ANSWER_WITHIN);
		return answer;
	}

	/** Polls the cheapest grant that needs the database until it works (at most 30 s). */
	private void awaitRecovery() {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (this.flows
			.tokenRequest(this.service.getClientId(), TestClients.SECRET, Map.of("grant_type", "client_credentials"))
			.status() != 200) {
			assertThat(System.nanoTime()).as("recovered within 30 s").isLessThan(deadline);
			sleep(100);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void join(Thread thread) {
		try {
			thread.join(30_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
