package io.latchkey.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JMH results of the same run (operations per second with as many threads as cores),
 * read from JMH's JSON output: what the server's workloads are compared with.
 */
record Bounds(Map<String, Double> opsPerSecond) {

	static final String SIGN_RS256 = "sign access token RS256";

	static final String VALIDATE = "validate access token";

	static final String PASSWORD = "check password (Argon2id)";

	static Bounds read(String jmhJson) throws java.io.IOException {
		Map<String, Double> bounds = new LinkedHashMap<>();
		if (jmhJson == null || jmhJson.isBlank() || !Files.exists(Path.of(jmhJson))) {
			return new Bounds(bounds);
		}
		JsonNode results = JsonMapper.builder().build().readTree(Files.readString(Path.of(jmhJson)));
		for (JsonNode result : results) {
			String benchmark = result.get("benchmark").asString();
			String algorithm = result.path("params").path("algorithm").asString("");
			double score = result.get("primaryMetric").get("score").asDouble();
			String name = benchmark.endsWith("signAccessToken") ? "sign access token " + algorithm
					: benchmark.endsWith("signIdToken") ? "sign ID token " + algorithm
							: benchmark.endsWith("validateAccessToken") ? VALIDATE
									: benchmark.endsWith("checkPassword") ? PASSWORD : benchmark;
			bounds.put(name, LoadRunner.round(score));
		}
		return new Bounds(bounds);
	}

	Map<String, Object> asMap() {
		return new LinkedHashMap<>(this.opsPerSecond);
	}

	/**
	 * What bounds a workload, and the rate of that bound: the costs it cannot avoid. A
	 * refresh signs an access and an ID token; a sign-in checks the person's password.
	 * Introspection has no cryptographic bound (a client secret check is one SHA-256, the
	 * token is looked up, not verified): its bound is the database.
	 */
	Bound boundOf(String workload) {
		return switch (workload) {
			case "client_credentials" -> bound(SIGN_RS256, 1);
			case "refresh_token" -> bound(SIGN_RS256, 2);
			case "sign_in_flow" -> bound(PASSWORD, 1);
			case "userinfo", "resource_server" -> bound(VALIDATE, 1);
			default -> null;
		};
	}

	private Bound bound(String name, int perOperation) {
		Double rate = this.opsPerSecond.get(name);
		return (rate != null) ? new Bound(perOperation == 1 ? name : perOperation + " x " + name, rate / perOperation)
				: null;
	}

	record Bound(String name, double opsPerSecond) {
	}

}
