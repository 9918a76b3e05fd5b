package io.latchkey.authserver.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Hands every test context a new, empty PostgreSQL database: on the server named by
 * {@code TEST_DATABASE_URL} when it is set, else in a PostgreSQL container that
 * Testcontainers starts once per test run. Without either, it fails and says why.
 */
public final class TestDatabases {

	public static final String URL_VARIABLE = "TEST_DATABASE_URL";

	private static final List<String> created = new ArrayList<>();

	private static PostgreSQLContainer container;

	private TestDatabases() {
	}

	/** A JDBC URL (user and password included) of a new database. */
	public static synchronized String createDatabase() {
		String serverUrl = serverUrl();
		String name = "latchkey_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		execute(serverUrl, "create database " + name);
		if (created.isEmpty()) {
			Runtime.getRuntime().addShutdownHook(new Thread(() -> dropCreatedDatabases(serverUrl)));
		}
		created.add(name);
		return withDatabase(serverUrl, name);
	}

	/** Drops this run's databases when the JVM ends, closing whatever still uses them. */
	private static synchronized void dropCreatedDatabases(String serverUrl) {
		for (String name : created) {
			try {
				execute(serverUrl, "drop database if exists " + name + " with (force)");
			}
			catch (IllegalStateException ex) {
				System.err.println("Could not drop test database " + name + ": " + ex.getCause().getMessage());
			}
		}
	}

	private static void execute(String serverUrl, String sql) {
		try (Connection connection = DriverManager.getConnection(serverUrl);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + redact(serverUrl), ex);
		}
	}

	private static String serverUrl() {
		String configured = System.getenv(URL_VARIABLE);
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		if (container == null) {
			try {
				PostgreSQLContainer started = new PostgreSQLContainer("postgres:17-alpine");
				started.start();
				container = started;
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("The tests need PostgreSQL: set " + URL_VARIABLE
						+ " (for example jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres) "
						+ "or run a Docker engine for Testcontainers. Neither is available here.", ex);
			}
		}
		String url = container.getJdbcUrl();
		return url + (url.contains("?") ? "&" : "?") + "user=" + container.getUsername() + "&password="
				+ container.getPassword();
	}

	/**
	 * Replaces the database name in a {@code jdbc:postgresql://host:port/name?params}
	 * URL.
	 */
	static String withDatabase(String serverUrl, String database) {
		int query = serverUrl.indexOf('?');
		String base = (query >= 0) ? serverUrl.substring(0, query) : serverUrl;
		String params = (query >= 0) ? serverUrl.substring(query) : "";
		int slash = base.indexOf('/', "jdbc:postgresql://".length());
		String hostAndPort = (slash >= 0) ? base.substring(0, slash) : base;
		return hostAndPort + "/" + database.toLowerCase(Locale.ROOT) + params;
	}

	private static String redact(String url) {
		return url.replaceAll("password=[^&]*", "password=***");
	}

}
