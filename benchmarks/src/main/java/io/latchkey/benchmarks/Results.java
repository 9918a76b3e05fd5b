package io.latchkey.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a run's figures as JSON (for tools) and as a markdown table (for people). */
final class Results {

	private Results() {
	}

	@SuppressWarnings("unchecked")
	static void write(Map<String, Object> report, Path directory, Map<String, String> options, Bounds bounds)
			throws Exception {
		report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java",
				System.getProperty("java.version"), "os", System.getProperty("os.name")));
		report.put("options", options);
		for (Map<String, Object> row : (List<Map<String, Object>>) report.get("workloads")) {
			Bounds.Bound bound = bounds.boundOf((String) row.get("name"));
			if (bound != null) {
				row.put("bound", bound.name());
				row.put("boundPerSecond", LoadRunner.round(bound.opsPerSecond()));
				row.put("ratioToBound",
						LoadRunner.round((Double) row.get("throughputPerSecond") / bound.opsPerSecond()));
				// the bound's CPU per operation: its rate was measured with one thread
				// per core
				double boundCpuMillis = Runtime.getRuntime().availableProcessors() * 1000.0 / bound.opsPerSecond();
				if (row.get("serverCpuMillisPerOperation") instanceof Double cpu) {
					row.put("cpuCostToBound", LoadRunner.round(cpu / boundCpuMillis));
				}
			}
		}
		Files.createDirectories(directory);
		String stamp = LoadRunner.timestamp();
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(directory.resolve(stamp + ".json"), json.writeValueAsString(report));
		String markdown = markdown(stamp, report);
		Files.writeString(directory.resolve(stamp + ".md"), markdown);
		System.out.println();
		System.out.println(markdown);
		System.out.println("Written to " + directory.resolve(stamp + ".md") + " and .json");
	}

	@SuppressWarnings("unchecked")
	private static String markdown(String stamp, Map<String, Object> report) {
		StringBuilder out = new StringBuilder();
		Map<String, Object> machine = (Map<String, Object>) report.get("machine");
		out.append("# Latchkey benchmark ").append(stamp).append(" UTC\n\n");
		out.append(String.format(Locale.ROOT,
				"%s cores, Java %s. auth-server ready in %.2f s (Spring Boot: %.2f s); "
						+ "resident memory %.0f MiB idle, %.0f MiB after the load.%n%n",
				machine.get("cores"), machine.get("java"), report.get("startSecondsToReady"),
				report.get("startSecondsReportedBySpringBoot"), report.get("residentMemoryIdleMib"),
				report.get("residentMemoryAfterLoadMib")));
		out.append(
				"## Bounds (JMH, operations per second, one thread per core)\n\n| operation | ops/s |\n|---|---:|\n");
		((Map<String, Object>) report.get("jmh"))
			.forEach((name, score) -> out.append("| ").append(name).append(" | ").append(score).append(" |\n"));
		out.append("\n## HTTP workloads\n\n");
		out.append("| workload | load | warm-up s | ops | errors | ops/s | p50 ms | p99 ms | bound | bound ops/s "
				+ "| ratio | server CPU ms/op | CPU cost / bound | DB transactions/op | statements/op "
				+ "| index+seq scans/op | rows written/op |\n");
		out.append("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Map<String, Object> row : (List<Map<String, Object>>) report.get("workloads")) {
			out.append(String.format(Locale.ROOT,
					"| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
					row.get("name"), row.get("loadGenerator"), row.get("warmupSeconds"), row.get("operations"),
					row.get("errors"), row.get("throughputPerSecond"), row.get("p50Millis"), row.get("p99Millis"),
					row.getOrDefault("bound", "-"), row.getOrDefault("boundPerSecond", "-"),
					row.getOrDefault("ratioToBound", "-"), row.getOrDefault("serverCpuMillisPerOperation", "-"),
					row.getOrDefault("cpuCostToBound", "-"), row.getOrDefault("transactionsPerOperation", "-"),
					row.getOrDefault("statementsPerOperation", "-"), row.get("tableScansPerOperationApprox"),
					row.get("rowsWrittenPerOperationApprox")));
		}
		out.append("\n## Database work by table (scans / rows written per operation)\n\n");
		for (Map<String, Object> row : (List<Map<String, Object>>) report.get("workloads")) {
			Map<String, Object> byTable = (Map<String, Object>) row.getOrDefault("byTable", Map.of());
			if (byTable.isEmpty()) {
				continue;
			}
			out.append("- ").append(row.get("name")).append(": ");
			StringJoiner tables = new StringJoiner(", ");
			byTable.forEach((table, figures) -> {
				Map<String, Object> perOperation = (Map<String, Object>) figures;
				tables.add(table + " " + perOperation.get("scansPerOperation") + " / "
						+ perOperation.get("rowsWrittenPerOperation"));
			});
			out.append(tables).append('\n');
		}
		if (Boolean.TRUE.equals(report.get("statementStatistics"))) {
			out.append("\n## Statements per operation (pg_stat_statements)\n\n");
			out.append(
					"Warm-up and measurement together; the statements run at least once in twenty" + " operations.\n");
			for (Map<String, Object> row : (List<Map<String, Object>>) report.get("workloads")) {
				Map<String, Object> byText = (Map<String, Object>) row.getOrDefault("statementsByText", Map.of());
				if (byText.isEmpty()) {
					continue;
				}
				out.append("\n").append(row.get("name")).append(":\n\n");
				byText.forEach((query, calls) -> out.append("- ")
					.append(calls)
					.append(" `")
					.append(query.replace("`", "'"))
					.append("`\n"));
			}
		}
		Map<String, Object> stored = (Map<String, Object>) report.getOrDefault("rowsStoredAfterLoad", Map.of());
		if (!stored.isEmpty()) {
			out.append("\n## Rows stored after the load, by table\n\n");
			out.append("What the whole run left behind; each table is bounded by a purge or a lifetime"
					+ " (README, Failure behaviour).\n\n| table | rows |\n|---|---:|\n");
			stored.forEach((table, rows) -> out.append("| ").append(table).append(" | ").append(rows).append(" |\n"));
		}
		return out.toString();
	}

}
