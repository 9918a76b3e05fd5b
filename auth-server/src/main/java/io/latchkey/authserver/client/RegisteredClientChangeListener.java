package io.latchkey.authserver.client;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.context.SmartLifecycle;

/**
 * Listens on PostgreSQL for the clients other nodes change ({@code LISTEN}) and evicts
 * them from {@link RegisteredClientCache}. The cache is trusted only while listening:
 * when the connection drops it is emptied and bypassed until listening again. Holds one
 * connection of the pool for as long as the server runs. On the embedded database there
 * is only one node, so the cache is trusted from the start.
 */
class RegisteredClientChangeListener implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RegisteredClientChangeListener.class);

	private static final int POLL_MILLIS = 1000;

	private static final long RETRY_MILLIS = 5000;

	private final DataSource dataSource;

	private final RegisteredClientCache cache;

	private final boolean postgres;

	private volatile boolean running;

	private Thread thread;

	RegisteredClientChangeListener(DataSource dataSource, RegisteredClientCache cache, boolean postgres) {
		this.dataSource = dataSource;
		this.cache = cache;
		this.postgres = postgres;
	}

	@Override
	public void start() {
		this.running = true;
		if (!this.postgres) {
			this.cache.setTrusted(true);
			return;
		}
		this.thread = new Thread(this::listen, "registered-client-changes");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.cache.setTrusted(false);
		if (this.thread != null) {
			this.thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				PGConnection postgres = connection.unwrap(PGConnection.class);
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + CachingRegisteredClientRepository.CHANNEL);
				}
				this.cache.setTrusted(true);
				while (this.running) {
					PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							this.cache.evictAnnounced(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException ex) {
				this.cache.setTrusted(false);
				if (this.running) {
					logger.warn("Not listening for client changes (" + ex.getMessage() + "); clients are read from "
							+ "the database until listening again");
					pause();
				}
			}
		}
		this.cache.setTrusted(false);
	}

	private void pause() {
		try {
			Thread.sleep(RETRY_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
