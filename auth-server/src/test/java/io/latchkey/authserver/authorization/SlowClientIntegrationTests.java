package io.latchkey.authserver.authorization;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.client.LatchkeyClientSettings;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.MovableClock;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client whose back-channel logout URI accepts the connection and never answers holds a
 * logout thread, never the scheduler's: key rotation still runs on its schedule (here
 * every second) while the delivery hangs. The read timeout is set far above the test's
 * length, so it is the threads that keep them apart, not the timeout.
 */
@AuthServerIntegrationTest
@TestPropertySource(properties = { "latchkey.keys.rotation-cron=* * * * * *",
		"latchkey.logout.backchannel-retry-delay=1s", "spring.http.clients.read-timeout=120s" })
class SlowClientIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcClient jdbc;

	final CountDownLatch release = new CountDownLatch(1);

	HttpServer silent;

	@AfterEach
	void tearDown() {
		this.release.countDown();
		if (this.silent != null) {
			this.silent.stop(0);
		}
		this.clock.reset();
	}

	@Test
	void rotationWhileABackChannelLogoutHangsThenStillOnTime() throws Exception {
		this.silent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		CountDownLatch called = new CountDownLatch(2);
		this.silent.createContext("/backchannel-logout", (exchange) -> {
			called.countDown();
			try {
				this.release.await(2, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.silent.setExecutor(Executors.newCachedThreadPool());
		this.silent.start();
		RegisteredClient client = silentClient();
		HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port);
		Accounts.registerAndSignIn(browser);
		OAuthFlows flows = new OAuthFlows(browser);
		Pkce pkce = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid", pkce, Map.of())));
		assertThat(flows.exchangeCode(client.getClientId(), code, pkce.verifier()).status()).isEqualTo(200);

		// signing out queues a logout token: its delivery hangs
		browser.submitForm("/", "form[action$=/logout]", Map.of());
		// past the retry wait: the scheduled retry takes the delivery again, and hangs
		// too
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(called.await(20, TimeUnit.SECONDS)).as("both deliveries are hanging").isTrue();
		// then past the signing keys' rotation period: the scheduled rotation is due
		long keysBefore = signingKeys();
		this.clock.advance(Duration.ofDays(31));

		Instant deadline = Instant.now().plusSeconds(15);
		while (signingKeys() == keysBefore && Instant.now().isBefore(deadline)) {
			Thread.sleep(200);
		}
		assertThat(signingKeys()).as("successor keys published while deliveries hang").isGreaterThan(keysBefore);
	}

	private long signingKeys() {
		return this.jdbc.sql("select count(*) from signing_key").query(Long.class).single();
	}

	private RegisteredClient silentClient() {
		RegisteredClient base = TestClients.webClient(this.clients, this.secrets, false);
		RegisteredClient client = RegisteredClient.from(base)
			.clientSettings(LatchkeyClientSettings
				.writeTo(ClientSettings.withSettings(base.getClientSettings().getSettings()))
				.backChannelLogoutUri("http://127.0.0.1:" + this.silent.getAddress().getPort() + "/backchannel-logout")
				.and()
				.build())
			.build();
		this.clients.save(client);
		return client;
	}

}
