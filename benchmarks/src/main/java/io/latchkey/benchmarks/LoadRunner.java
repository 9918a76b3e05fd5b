package io.latchkey.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

/**
 * Puts bounded HTTP load on auth-server (on a fresh PostgreSQL database) and on the
 * sample resource server, workload by workload, and writes what it measured next to the
 * JMH bounds of the same run: {@code benchmarks/results/<time>.md} and {@code .json}.
 *
 * <p>
 * Everything targets loopback; every phase is bounded in time and in operations. Options
 * ({@code --name=value}): see {@link #DEFAULTS}.
 */
public final class LoadRunner {

	static final Map<String, String> DEFAULTS = Map.ofEntries(
			Map.entry("database-url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"),
			Map.entry("root", "."), Map.entry("jmh", ""), Map.entry("workers", "8"), Map.entry("users", "100"),
			Map.entry("warmup-seconds", "5"), Map.entry("warmup-max-seconds", "60"), Map.entry("measure-seconds", "15"),
			Map.entry("max-operations", "20000"), Map.entry("out", "benchmarks/results"),
			Map.entry("server-jvm-args", ""),
			// how to start auth-server instead of -jar <its runnable jar>,
			// space-separated
			// (scripts/benchmark.sh passes the class data sharing archive of
			// scripts/cds.sh)
			Map.entry("auth-server-launch", ""),
			// a comma-separated list of workloads to run, or all
			Map.entry("only", "all"),
			// auto: wrk for the plain GET workloads when it is installed; java: always
			// the JVM client
			Map.entry("load-generator", "auto"));

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String REDIRECT_URI = "http://127.0.0.1:1/callback";

	private static final String SECRET = "bench-secret-" + UUID.randomUUID();

	private static final String PASSWORD = "bench passphrase for load";

	private final Map<String, String> options;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final List<String> usernames = new ArrayList<>();

	private final AtomicInteger nextUser = new AtomicInteger();

	private String issuer;

	private String api;

	private LoadRunner(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
		for (String arg : args) {
			String[] parts = arg.replaceFirst("^--", "").split("=", 2);
			if (!DEFAULTS.containsKey(parts[0]) || parts.length != 2) {
				System.err.println("Unknown option " + arg + "; options: " + DEFAULTS.keySet());
				System.exit(2);
			}
			options.put(parts[0], parts[1]);
		}
		new LoadRunner(options).run();
	}

	private void run() throws Exception {
		Path root = Path.of(this.options.get("root")).toAbsolutePath().normalize();
		Path workDir = Files.createTempDirectory("latchkey-load");
		String database = "latchkey_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String serverUrl = this.options.get("database-url");
		int authPort = freePort();
		int apiPort = freePort();
		this.issuer = "http://localhost:" + authPort;
		this.api = "http://localhost:" + apiPort;
		Files.createDirectories(workDir.resolve("config"));
		Files.writeString(workDir.resolve("config/auth-server.yaml"), authServerConfig());
		execute(serverUrl, "create database " + database);
		String databaseUrl = withDatabase(serverUrl, database);
		boolean statementStatistics = DatabaseWork.enableStatementStatistics(databaseUrl);
		byte[] keyEncryptionKey = new byte[32];
		new SecureRandom().nextBytes(keyEncryptionKey);
		List<String> jvmArgs = this.options.get("server-jvm-args").isBlank() ? List.of()
				: List.of(this.options.get("server-jvm-args").trim().split("\\s+"));
		Map<String, Object> report = new LinkedHashMap<>();
		List<String> authServerLaunch = this.options.get("auth-server-launch").isBlank()
				? List.of("-jar", jar(root, "auth-server").toString())
				: List.of(this.options.get("auth-server-launch").trim().split("\\s+"));
		try (ServerProcess authServer = ServerProcess.start("auth-server", authServerLaunch, workDir,
				Map.of("DATABASE_URL", databaseUrl, "PORT", Integer.toString(authPort), "LATCHKEY_KEY_ENCRYPTION_KEY",
						Base64.getEncoder().encodeToString(keyEncryptionKey)),
				jvmArgs, this.issuer + "/.well-known/openid-configuration");
				ServerProcess resourceServer = ServerProcess.start("sample-resource-server",
						List.of("-jar", jar(root, "sample-resource-server").toString()), workDir,
						Map.of("PORT", Integer.toString(apiPort), "LATCHKEY_ISSUER", this.issuer), jvmArgs,
						this.api + "/api/messages")) {
			Thread.sleep(3000);
			report.put("startSecondsToReady", authServer.secondsToReady());
			report.put("startSecondsReportedBySpringBoot", authServer.reportedStartSeconds());
			report.put("residentMemoryIdleMib", authServer.residentMemoryMib());
			System.out.printf("auth-server ready in %.2f s, %.0f MiB resident%n", authServer.secondsToReady(),
					authServer.residentMemoryMib());

			int workers = Integer.parseInt(this.options.get("workers"));
			registerUsers(Integer.parseInt(this.options.get("users")), workers);
			List<Map<String, String>> tokens = new ArrayList<>();
			for (int w = 0; w < workers; w++) {
				Map<String, String> signedIn = signInFlow();
				if (signedIn == null) {
					throw new IllegalStateException("A sign-in failed while preparing; see the logs in " + workDir);
				}
				tokens.add(signedIn);
			}
			List<Map<String, Object>> results = new ArrayList<>();
			long warmupSeconds = Long.parseLong(this.options.get("warmup-seconds"));
			long measureSeconds = Long.parseLong(this.options.get("measure-seconds"));
			WrkLoad wrk = "java".equals(this.options.get("load-generator")) ? null : WrkLoad.find();
			// the workloads of one repeated request, which wrk can drive; the tokens are
			// read when the workload starts (refreshing replaces them)
			Map<String, Supplier<WrkLoad.Request>> repeatable = Map.of("discovery",
					() -> WrkLoad.Request.get(this.issuer + "/.well-known/openid-configuration", null), "jwks",
					() -> WrkLoad.Request.get(this.issuer + "/oauth2/jwks", null), "client_credentials",
					() -> WrkLoad.Request.postForm(this.issuer + "/oauth2/token", basic("bench-service"),
							"grant_type=client_credentials&scope=messages.read"),
					"userinfo", () -> WrkLoad.Request.get(this.issuer + "/userinfo", tokens.get(0).get("access_token")),
					"introspection",
					() -> WrkLoad.Request.postForm(this.issuer + "/oauth2/introspect", basic("bench-web"),
							"token=" + tokens.get(0).get("access_token")),
					"resource_server",
					() -> WrkLoad.Request.get(this.api + "/api/messages", tokens.get(0).get("access_token")));
			Set<String> only = "all".equals(this.options.get("only")) ? null
					: Set.of(this.options.get("only").split(","));
			try (Connection stats = DriverManager.getConnection(databaseUrl)) {
				for (Workload workload : workloads(tokens)) {
					if (only != null && !only.contains(workload.name())) {
						continue;
					}
					Map<String, long[]> before = tableAccesses(stats);
					DatabaseWork workBefore = DatabaseWork.read(stats, database, statementStatistics);
					ServerProcess serving = "resource_server".equals(workload.name()) ? resourceServer : authServer;
					double[] cpuAtMeasureStart = new double[1];
					Runnable beforeMeasuring = () -> cpuAtMeasureStart[0] = serving.cpuMillis();
					boolean byWrk = wrk != null && repeatable.containsKey(workload.name());
					Workload.Warmup warmup = new Workload.Warmup(1000L * warmupSeconds,
							1000L * Long.parseLong(this.options.get("warmup-max-seconds")));
					Workload.Result result = byWrk
							? wrk.run(workload.name(), repeatable.get(workload.name()).get(), 2 * workers, warmup,
									measureSeconds, beforeMeasuring)
							: workload.run(workers, warmup, 1000L * measureSeconds,
									Integer.parseInt(this.options.get("max-operations")), beforeMeasuring);
					double cpuMeasured = serving.cpuMillis() - cpuAtMeasureStart[0];
					Thread.sleep(1500);
					Map<String, long[]> after = tableAccesses(stats);
					Map<String, Object> row = describe(result, before, after, workload.name());
					long operations = result.warmupOperations() + result.operations() + result.errors();
					row.putAll(DatabaseWork.read(stats, database, statementStatistics)
						.since(workBefore)
						.perOperation(operations));
					// CPU the server spent per measured operation (warm-up and its
					// compilation left out): steadier than throughput on a shared machine
					row.put("serverCpuMillisPerOperation",
							round(cpuMeasured / Math.max(1, result.operations() + result.errors())));
					row.put("loadGenerator", byWrk ? "wrk" : "java");
					row.put("warmupSeconds", warmup.seconds());
					results.add(row);
					System.out.printf("%-22s %8.1f/s  p50 %7.2f ms  p99 %7.2f ms  errors %d%n", result.name(),
							result.throughput(), result.p50Millis(), result.p99Millis(), result.errors());
				}
				report.put("rowsStoredAfterLoad", storedRows(stats));
			}
			report.put("residentMemoryAfterLoadMib", authServer.residentMemoryMib());
			report.put("statementStatistics", statementStatistics);
			report.put("workloads", results);
		}
		finally {
			execute(serverUrl, "drop database if exists " + database + " with (force)");
		}
		report.put("jmh", Bounds.read(this.options.get("jmh")).asMap());
		Results.write(report, Path.of(this.options.get("out")), this.options, Bounds.read(this.options.get("jmh")));
	}

	private List<Workload> workloads(List<Map<String, String>> tokens) {
		String basicWeb = basic("bench-web");
		String basicService = basic("bench-service");
		return List.of(
				new Workload("discovery",
						(w) -> status(get(this.issuer + "/.well-known/openid-configuration", null)) == 200),
				new Workload("jwks", (w) -> status(get(this.issuer + "/oauth2/jwks", null)) == 200),
				new Workload("client_credentials",
						(w) -> status(post(this.issuer + "/oauth2/token", basicService,
								Map.of("grant_type", "client_credentials", "scope", "messages.read"))) == 200),
				new Workload("sign_in_flow", (w) -> signInFlow() != null), new Workload("refresh_token", (w) -> {
					HttpResponse<String> response = post(this.issuer + "/oauth2/token", basicWeb,
							Map.of("grant_type", "refresh_token", "refresh_token", tokens.get(w).get("refresh_token")));
					if (response.statusCode() != 200) {
						return false;
					}
					tokens.set(w, jsonMap(response.body()));
					return true;
				}),
				new Workload("userinfo",
						(w) -> status(get(this.issuer + "/userinfo", tokens.get(w).get("access_token"))) == 200),
				new Workload("introspection", (w) -> {
					HttpResponse<String> response = post(this.issuer + "/oauth2/introspect", basicWeb,
							Map.of("token", tokens.get(w).get("access_token")));
					return response.statusCode() == 200 && response.body().contains("\"active\":true");
				}), new Workload("resource_server",
						(w) -> status(get(this.api + "/api/messages", tokens.get(w).get("access_token"))) == 200));
	}

	/**
	 * A person signs in through the pages and the client exchanges the code: five
	 * requests.
	 */
	private Map<String, String> signInFlow() throws Exception {
		String username = this.usernames.get(Math.floorMod(this.nextUser.getAndIncrement(), this.usernames.size()));
		HttpSession browser = new HttpSession(this.http);
		String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String authorize = this.issuer + "/oauth2/authorize?"
				+ HttpSession.formEncode(Map.of("response_type", "code", "client_id", "bench-web", "scope",
						"openid profile messages.read", "redirect_uri", REDIRECT_URI, "state", "s", "nonce", "n",
						"code_challenge", challenge, "code_challenge_method", "S256"));
		HttpResponse<String> toLogin = browser.get(authorize);
		if (toLogin.statusCode() != 302) {
			return null;
		}
		String csrf = HttpSession.csrfToken(browser.get(this.issuer + "/login"));
		HttpResponse<String> signedIn = browser.postForm(this.issuer + "/login",
				Map.of("username", username, "password", PASSWORD, "_csrf", csrf));
		String continued = HttpSession.location(signedIn);
		if (continued == null || !continued.contains("/oauth2/authorize")) {
			return null;
		}
		String toClient = HttpSession.location(browser.get(continued));
		if (toClient == null || !toClient.startsWith(REDIRECT_URI)) {
			return null;
		}
		String code = HttpSession.queryParameters(toClient).get("code");
		HttpResponse<String> tokens = post(this.issuer + "/oauth2/token", basic("bench-web"), Map.of("grant_type",
				"authorization_code", "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", verifier));
		return (tokens.statusCode() == 200) ? jsonMap(tokens.body()) : null;
	}

	private void registerUsers(int count, int workers) throws Exception {
		String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6);
		AtomicInteger next = new AtomicInteger();
		Workload registration = new Workload("registration", (w) -> {
			String name = prefix + next.getAndIncrement();
			HttpSession browser = new HttpSession(this.http);
			String csrf = HttpSession.csrfToken(browser.get(this.issuer + "/register"));
			boolean registered = browser
				.postForm(this.issuer + "/register",
						Map.of("username", name, "email", name + "@example.com", "password", PASSWORD,
								"confirmPassword", PASSWORD, "_csrf", csrf))
				.statusCode() == 302;
			if (registered) {
				synchronized (this.usernames) {
					this.usernames.add(name);
				}
			}
			return registered;
		});
		registration.run(workers, Workload.Warmup.none(), 120_000, count, () -> {
		});
		if (this.usernames.isEmpty()) {
			throw new IllegalStateException("No user could be registered; see the auth-server log");
		}
		System.out.println("registered " + this.usernames.size() + " users");
	}

	private HttpResponse<String> get(String url, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String url, String authorization, Map<String, String> form) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", authorization)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(HttpSession.formEncode(form)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int status(HttpResponse<String> response) {
		return response.statusCode();
	}

	private static String basic(String clientId) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((clientId + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> jsonMap(String body) {
		Map<String, Object> parsed = json.readValue(body, Map.class);
		Map<String, String> strings = new LinkedHashMap<>();
		parsed.forEach((key, value) -> strings.put(key, String.valueOf(value)));
		return strings;
	}

	/**
	 * Rows each table holds after the whole load: what it leaves behind, to be read with
	 * what bounds each table (README, Failure behaviour).
	 */
	private static Map<String, Long> storedRows(Connection connection) throws Exception {
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select relname from pg_stat_user_tables order by relname")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		Map<String, Long> counts = new TreeMap<>();
		for (String table : tables) {
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("select count(*) from \"" + table + "\"")) {
				rows.next();
				counts.put(table, rows.getLong(1));
			}
		}
		return counts;
	}

	/** Scans (index and sequential) and rows written, by table. */
	private static Map<String, long[]> tableAccesses(Connection connection) throws Exception {
		Map<String, long[]> tables = new TreeMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select relname, seq_scan + coalesce(idx_scan, 0), "
						+ "n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables")) {
			while (rows.next()) {
				tables.put(rows.getString(1), new long[] { rows.getLong(2), rows.getLong(3) });
			}
		}
		return tables;
	}

	private static Map<String, Object> describe(Workload.Result result, Map<String, long[]> before,
			Map<String, long[]> after, String name) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("name", name);
		row.put("operations", result.operations());
		row.put("errors", result.errors());
		row.put("seconds", round(result.seconds()));
		row.put("throughputPerSecond", round(result.throughput()));
		row.put("p50Millis", round(result.p50Millis()));
		row.put("p99Millis", round(result.p99Millis()));
		// the statistics cover warm-up and measurement together, successful or not
		long operations = Math.max(1, result.warmupOperations() + result.operations() + result.errors());
		long scans = 0;
		long written = 0;
		Map<String, Object> byTable = new TreeMap<>();
		for (Map.Entry<String, long[]> table : after.entrySet()) {
			long[] was = before.getOrDefault(table.getKey(), new long[2]);
			long tableScans = table.getValue()[0] - was[0];
			long tableWrites = table.getValue()[1] - was[1];
			scans += tableScans;
			written += tableWrites;
			if (tableScans + tableWrites >= operations / 20) {
				byTable.put(table.getKey(), Map.of("scansPerOperation", round(tableScans / (double) operations),
						"rowsWrittenPerOperation", round(tableWrites / (double) operations)));
			}
		}
		row.put("tableScansPerOperationApprox", round(scans / (double) operations));
		row.put("rowsWrittenPerOperationApprox", round(written / (double) operations));
		row.put("byTable", byTable);
		return row;
	}

	static double round(double value) {
		return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
	}

	private String authServerConfig() {
		return """
				spring.security.oauth2.authorizationserver.issuer: %s
				latchkey:
				  # every bench user registers from 127.0.0.1: lift the per-address limit
				  throttle:
				    requests-per-address:
				      free-attempts: 1000000
				      first-delay: 1s
				      maximum-delay: 1s
				      lock-after: 0
				      lock-duration: 0s
				      forget-after: 1m
				  tokens:
				    access-token-time-to-live: 30m
				    resources:
				      - audience: messages-api
				        scopes: [messages.read, messages.write]
				  clients:
				    - client-id: bench-web
				      name: Bench Web
				      type: web
				      secret: %s
				      redirect-uris: [%s]
				      scopes: [openid, profile, email, messages.read]
				    - client-id: bench-service
				      name: Bench Service
				      type: service
				      secret: %s
				      scopes: [messages.read]
				""".formatted(this.issuer, SECRET, REDIRECT_URI, SECRET);
	}

	private static Path jar(Path root, String module) throws Exception {
		try (var files = Files.list(root.resolve(module).resolve("target"))) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No runnable jar of " + module + ": build first"));
		}
	}

	private static int freePort() throws Exception {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void execute(String serverUrl, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(serverUrl);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String withDatabase(String serverUrl, String database) {
		URI uri = URI.create(serverUrl.substring("jdbc:".length()));
		return "jdbc:" + uri.getScheme() + "://" + uri.getAuthority() + "/" + database
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	static String timestamp() {
		return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
	}

}
