package io.latchkey.authserver.client;

import java.time.Duration;
import java.time.Instant;

import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache in front of registered clients, on PostgreSQL: what another node changes
 * reaches this one through NOTIFY.
 */
@AuthServerIntegrationTest
class RegisteredClientCacheIntegrationTests {

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	RegisteredClientCache cache;

	@Autowired
	ClientSecrets clientSecrets;

	@Autowired
	JdbcClient jdbc;

	RegisteredClient client;

	@BeforeEach
	void setUp() throws InterruptedException {
		awaitTrue(() -> this.cache.isTrusted());
		long heard = this.cache.announcementsHeard();
		this.client = TestClients.webClient(this.clients, this.clientSecrets, false);
		// saving announced the new client: this node's own listener hears it before the
		// tests look at what is cached
		awaitTrue(() -> this.cache.announcementsHeard() > heard);
	}

	@Test
	void findWhenRowChangedBehindTheCacheThenCachedUntilAnotherNodeNotifies() throws InterruptedException {
		assertThat(this.clients.findByClientId(this.client.getClientId()).getClientName()).isEqualTo("Test Web App");
		renameInDatabase("Renamed elsewhere");

		// served from memory: the change has not been announced
		assertThat(this.clients.findByClientId(this.client.getClientId()).getClientName()).isEqualTo("Test Web App");
		assertThat(this.clients.findById(this.client.getId()).getClientName()).isEqualTo("Test Web App");

		// another node announces it, as CachingRegisteredClientRepository does after a
		// write
		this.jdbc.sql("select pg_notify('latchkey_registered_client', :id)")
			.param("id", this.client.getId())
			.query()
			.listOfRows();

		awaitTrue(() -> "Renamed elsewhere"
			.equals(this.clients.findByClientId(this.client.getClientId()).getClientName()));
		assertThat(this.clients.findById(this.client.getId()).getClientName()).isEqualTo("Renamed elsewhere");
	}

	@Test
	void saveWhenClientChangedThroughRepositoryThenNextLookupSeesIt() {
		assertThat(this.clients.findById(this.client.getId()).getScopes()).doesNotContain("messages.write");

		this.clients.save(RegisteredClient.from(this.client).scope("messages.write").build());

		assertThat(this.clients.findById(this.client.getId()).getScopes()).contains("messages.write");
		assertThat(this.clients.findByClientId(this.client.getClientId()).getScopes()).contains("messages.write");
	}

	@Test
	void findWhenCacheNotTrustedThenReadsTheDatabase() {
		this.clients.findById(this.client.getId());
		this.cache.setTrusted(false);
		try {
			renameInDatabase("Read through");

			assertThat(this.clients.findById(this.client.getId()).getClientName()).isEqualTo("Read through");
		}
		finally {
			this.cache.setTrusted(true);
		}
	}

	private void renameInDatabase(String name) {
		this.jdbc.sql("update oauth2_registered_client set client_name = :name where id = :id")
			.param("name", name)
			.param("id", this.client.getId())
			.update();
	}

	private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (!condition.getAsBoolean()) {
			assertThat(Instant.now()).as("waited ten seconds").isBefore(deadline);
			Thread.sleep(50);
		}
	}

}
