package io.latchkey.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the servers asked of the benchmark's database: transactions (committed and rolled
 * back, from {@code pg_stat_database}) and, where PostgreSQL loads
 * {@code pg_stat_statements}, statements by text. The counters of this class's own
 * queries are taken out, so that the figures per operation are the servers' alone.
 */
record DatabaseWork(long transactions, Map<String, Long> statements, boolean statementsCounted) {

	/**
	 * The benchmark's own transactions between two readings: the runner's table
	 * statistics and this class's queries, one autocommit statement each.
	 */
	private static long ownTransactions(boolean statementStatistics) {
		return statementStatistics ? 3 : 2;
	}

	/**
	 * Installs {@code pg_stat_statements} in the database when the server loads it;
	 * answers whether statements can be counted.
	 */
	static boolean enableStatementStatistics(String databaseUrl) {
		try (Connection connection = DriverManager.getConnection(databaseUrl);
				Statement statement = connection.createStatement()) {
			try (ResultSet loaded = statement.executeQuery("show shared_preload_libraries")) {
				loaded.next();
				if (!loaded.getString(1).contains("pg_stat_statements")) {
					System.out.println("pg_stat_statements is not loaded: statements per operation are not counted"
							+ " (README, Benchmarks, says how to load it)");
					return false;
				}
			}
			statement.execute("create extension if not exists pg_stat_statements");
			return true;
		}
		catch (SQLException ex) {
			System.out.println("pg_stat_statements unavailable (" + ex.getSQLState() + "): statements not counted");
			return false;
		}
	}

	static DatabaseWork read(Connection connection, String database, boolean statementStatistics) throws SQLException {
		long transactions;
		try (PreparedStatement statement = connection
			.prepareStatement("select xact_commit + xact_rollback from pg_stat_database where datname = ?")) {
			statement.setString(1, database);
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				transactions = row.getLong(1);
			}
		}
		Map<String, Long> statements = new HashMap<>();
		if (statementStatistics) {
			try (PreparedStatement statement = connection.prepareStatement(
					"select query, sum(calls) " + "from pg_stat_statements s join pg_database d on d.oid = s.dbid "
							+ "where d.datname = ? and query not like '%pg_stat%' group by query")) {
				statement.setString(1, database);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						statements.put(rows.getString(1), rows.getLong(2));
					}
				}
			}
		}
		return new DatabaseWork(transactions, statements, statementStatistics);
	}

	DatabaseWork since(DatabaseWork before) {
		Map<String, Long> difference = new HashMap<>();
		this.statements.forEach((query, calls) -> {
			long more = calls - before.statements.getOrDefault(query, 0L);
			if (more > 0) {
				difference.put(query, more);
			}
		});
		return new DatabaseWork(this.transactions - before.transactions - ownTransactions(this.statementsCounted),
				difference, this.statementsCounted);
	}

	/**
	 * Transactions and statements per operation, and the statements that make up most of
	 * them (the transaction control of {@code BEGIN}, {@code COMMIT} and {@code ROLLBACK}
	 * is not a statement here; {@code SET}/{@code SHOW} neither).
	 */
	Map<String, Object> perOperation(long operations) {
		double ops = Math.max(1, operations);
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("transactionsPerOperation", LoadRunner.round(this.transactions / ops));
		if (!this.statementsCounted) {
			return figures;
		}
		List<Map.Entry<String, Long>> data = new ArrayList<>();
		for (Map.Entry<String, Long> entry : this.statements.entrySet()) {
			String keyword = entry.getKey().strip().split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
			if (List.of("select", "insert", "update", "delete", "with", "merge").contains(keyword)) {
				data.add(entry);
			}
		}
		data.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
		figures.put("statementsPerOperation",
				LoadRunner.round(data.stream().mapToLong(Map.Entry::getValue).sum() / ops));
		Map<String, Double> top = new LinkedHashMap<>();
		for (Map.Entry<String, Long> entry : data) {
			double perOperation = LoadRunner.round(entry.getValue() / ops);
			if (perOperation >= 0.05) {
				top.merge(shorten(entry.getKey()), perOperation, (a, b) -> LoadRunner.round(a + b));
			}
		}
		figures.put("statementsByText", top);
		return figures;
	}

	private static String shorten(String query) {
		String oneLine = query.replaceAll("\\s+", " ").strip();
		// the start says what it does, the end where: lookups differ in their WHERE
		return (oneLine.length() > 150) ? oneLine.substring(0, 90) + " ... " + oneLine.substring(oneLine.length() - 55)
				: oneLine;
	}

}
