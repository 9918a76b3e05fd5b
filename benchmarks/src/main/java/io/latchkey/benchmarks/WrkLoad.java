package io.latchkey.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for the workloads of one repeated request (GETs, and POSTs with a fixed body) from
 * wrk (a C load generator, Debian package {@code wrk}), which leaves more of the two
 * cores to the server than a JVM client does. Bounded by time and connections; a warm-up
 * run is not counted.
 */
final class WrkLoad {

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+)(ms|s|m)");

	private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
			Pattern.MULTILINE);

	private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private final String executable;

	private WrkLoad(String executable) {
		this.executable = executable;
	}

	/** wrk when it is on the PATH, else null. */
	static WrkLoad find() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path candidate = Path.of(directory, "wrk");
			if (Files.isExecutable(candidate)) {
				return new WrkLoad(candidate.toString());
			}
		}
		return null;
	}

	/**
	 * One request, sent again and again: a GET with headers, or a POST with headers and a
	 * form body.
	 */
	record Request(String method, String url, Map<String, String> headers, String body) {

		static Request get(String url, String bearerToken) {
			return new Request("GET", url,
					(bearerToken != null) ? Map.of("Authorization", "Bearer " + bearerToken) : Map.of(), null);
		}

		static Request postForm(String url, String authorization, String form) {
			return new Request("POST", url, Map.of("Authorization", authorization, "Content-Type",
					"application/x-www-form-urlencoded", "Accept", "application/json"), form);
		}

	}

	Workload.Result run(String name, Request request, int connections, Workload.Warmup warmup, long measureSeconds,
			Runnable beforeMeasuring) throws IOException, InterruptedException {
		Path script = Files.createTempFile("wrk-", ".lua");
		try {
			Files.writeString(script, luaScript(request));
			long warmupRequests = 0;
			for (double previous = -1; warmup.goOn();) {
				String output = wrk(request.url(), script, connections, Math.max(1, warmup.windowMillis() / 1000));
				Matcher rate = RATE.matcher(output);
				Matcher requests = REQUESTS.matcher(output);
				warmupRequests += requests.find() ? Long.parseLong(requests.group(1)) : 0;
				previous = warmup.record(rate.find() ? Double.parseDouble(rate.group(1)) : 0, previous);
			}
			beforeMeasuring.run();
			return measure(name, wrk(request.url(), script, connections, measureSeconds), warmupRequests);
		}
		finally {
			Files.deleteIfExists(script);
		}
	}

	private static String luaScript(Request request) {
		StringBuilder lua = new StringBuilder("wrk.method = ").append(luaString(request.method())).append('\n');
		request.headers()
			.forEach((name, value) -> lua.append("wrk.headers[")
				.append(luaString(name))
				.append("] = ")
				.append(luaString(value))
				.append('\n'));
		if (request.body() != null) {
			lua.append("wrk.body = ").append(luaString(request.body())).append('\n');
		}
		return lua.toString();
	}

	private static String luaString(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static Workload.Result measure(String name, String output, long warmupRequests) {
		Matcher requests = REQUESTS.matcher(output);
		if (!requests.find()) {
			throw new IllegalStateException("Unexpected wrk output:\n" + output);
		}
		long total = Long.parseLong(requests.group(1));
		double seconds = Double.parseDouble(requests.group(2)) * unitSeconds(requests.group(3));
		long errors = 0;
		Matcher non2xx = NON_2XX.matcher(output);
		if (non2xx.find()) {
			errors += Long.parseLong(non2xx.group(1));
		}
		Matcher socketErrors = SOCKET_ERRORS.matcher(output);
		if (socketErrors.find()) {
			for (int group = 1; group <= 4; group++) {
				errors += Long.parseLong(socketErrors.group(group));
			}
		}
		double p50 = Double.NaN;
		double p99 = Double.NaN;
		Matcher percentile = PERCENTILE.matcher(output);
		while (percentile.find()) {
			double millis = Double.parseDouble(percentile.group(2)) * unitSeconds(percentile.group(3)) * 1000;
			if ("50".equals(percentile.group(1))) {
				p50 = millis;
			}
			else {
				p99 = millis;
			}
		}
		long ok = total - errors;
		return new Workload.Result(name, ok, errors, ok / seconds, p50, p99, seconds, warmupRequests);
	}

	private String wrk(String url, Path script, int connections, long seconds)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(this.executable, "-t", "2", "-c", Integer.toString(connections),
				"-d", seconds + "s", "--latency", "--timeout", "10s", "-s", script.toString()));
		command.add(url);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(seconds + 30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("wrk failed:\n" + output);
		}
		return output;
	}

	private static double unitSeconds(String unit) {
		return switch (unit) {
			case "us" -> 1e-6;
			case "ms" -> 1e-3;
			case "m" -> 60;
			default -> 1;
		};
	}

}
