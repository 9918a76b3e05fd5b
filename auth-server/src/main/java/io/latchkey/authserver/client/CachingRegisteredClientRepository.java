package io.latchkey.authserver.client;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The library's JDBC repository with {@link RegisteredClientCache} in front. Every write
 * evicts the client here and, on PostgreSQL, tells the other nodes to evict it
 * ({@code NOTIFY}). Anything that writes {@code oauth2_registered_client} must go through
 * {@link #save} or call {@link #changed}.
 */
class CachingRegisteredClientRepository implements RegisteredClientRepository {

	static final String CHANNEL = "latchkey_registered_client";

	private final RegisteredClientRepository delegate;

	private final RegisteredClientCache cache;

	private final JdbcClient jdbc;

	private final boolean notifyOtherNodes;

	CachingRegisteredClientRepository(RegisteredClientRepository delegate, RegisteredClientCache cache, JdbcClient jdbc,
			boolean notifyOtherNodes) {
		this.delegate = delegate;
		this.cache = cache;
		this.jdbc = jdbc;
		this.notifyOtherNodes = notifyOtherNodes;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		try {
			this.delegate.save(registeredClient);
			recordOwner(registeredClient);
		}
		finally {
			changed(registeredClient.getId());
		}
	}

	/** A dynamically registered client names its owner in a setting; remember it. */
	private void recordOwner(RegisteredClient client) {
		String accountId = LatchkeyClientSettings.of(client).owner();
		if (accountId != null) {
			this.jdbc
				.sql("insert into client_owner (registered_client_id, account_id) values (?, ?) on conflict do nothing")
				.params(client.getId(), UUID.fromString(accountId))
				.update();
		}
	}

	@Override
	public RegisteredClient findById(String id) {
		return this.cache.findById(id, () -> this.delegate.findById(id));
	}

	/**
	 * The client the protocol endpoints see: a disabled client is unknown to them, so it
	 * can neither start a flow nor authenticate.
	 */
	@Override
	public RegisteredClient findByClientId(String clientId) {
		RegisteredClient client = this.cache.findByClientId(clientId, () -> this.delegate.findByClientId(clientId));
		return (client != null && RegisteredClients.isDisabled(client)) ? null : client;
	}

	/** Deletes the client's row (its authorizations and consents are the caller's). */
	void delete(String id) {
		try {
			this.jdbc.sql("delete from oauth2_registered_client where id = ?").param(id).update();
		}
		finally {
			changed(id);
		}
	}

	/** The client with this id changed or is gone: forget it here and on every node. */
	void changed(String id) {
		this.cache.evict(id);
		if (this.notifyOtherNodes) {
			this.jdbc.sql("select pg_notify(:channel, :id)")
				.param("channel", CHANNEL)
				.param("id", id)
				.query()
				.listOfRows();
		}
	}

}
