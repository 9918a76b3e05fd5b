package io.latchkey.authserver.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
	 * A new database holding what {@code pg_dump} took of the given one, restored with
	 * {@code pg_restore}, as an operator restores a backup: the tools of the container
	 * when the tests run in one, else those on this machine (PostgreSQL's client
	 * package).
	 */
	public static synchronized String restoreDumpOf(String jdbcUrl) {
		String restored = createDatabase();
		URI source = URI.create(jdbcUrl.substring("jdbc:".length()));
		URI target = URI.create(restored.substring("jdbc:".length()));
		String user = parameter(jdbcUrl, "user");
		String password = parameter(jdbcUrl, "password");
		String sourceDb = source.getPath().substring(1);
		String targetDb = target.getPath().substring(1);
		try {
			if (container != null) {
				var result = container.execInContainer("sh", "-c", "pg_dump -U " + user + " --format=custom " + sourceDb
						+ " | pg_restore -U " + user + " --no-owner --exit-on-error -d " + targetDb);
				if (result.getExitCode() != 0) {
					throw new IllegalStateException("pg_dump | pg_restore failed: " + result.getStderr());
				}
				return restored;
			}
			Path dump = Files.createTempFile("latchkey-backup", ".dump");
			try {
				run(List.of("pg_dump", "--format=custom", "--file=" + dump, "--host=" + source.getHost(),
						"--port=" + port(source), "--username=" + user, sourceDb), password);
				run(List.of("pg_restore", "--no-owner", "--exit-on-error", "--host=" + target.getHost(),
						"--port=" + port(target), "--username=" + user, "--dbname=" + targetDb, dump.toString()),
						password);
			}
			finally {
				Files.deleteIfExists(dump);
			}
			return restored;
		}
		catch (IOException ex) {
			throw new IllegalStateException("pg_dump and pg_restore are needed (PostgreSQL's client tools)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void run(List<String> command, String password) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (password != null) {
			builder.environment().put("PGPASSWORD", password);
		}
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(command.get(0) + " failed: " + output);
		}
	}

	private static int port(URI server) {
		return (server.getPort() >= 0) ? server.getPort() : 5432;
	}

	private static String parameter(String jdbcUrl, String name) {
		int query = jdbcUrl.indexOf('?');
		if (query < 0) {
			return null;
		}
		for (String pair : jdbcUrl.substring(query + 1).split("&")) {
			if (pair.startsWith(name + "=")) {
				return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
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
