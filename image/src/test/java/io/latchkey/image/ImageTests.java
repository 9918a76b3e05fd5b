package io.latchkey.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.latchkey.authserver.support.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image tarball the build made (Jib, in the format {@code docker load} reads), looked
 * at as a container engine would: its configuration, the owners of its files, and the
 * image started from its own unpacked file system (a mount namespace and a changed root,
 * as a container runtime does, sharing the host's loopback) on a database of its own,
 * then stopped with SIGTERM as an orchestrator stops it. That needs root, as a container
 * runtime does; without it the test fails and says so.
 */
class ImageTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * Mounts /proc and /dev (the loader resolves $ORIGIN through /proc), then enters the
	 * root.
	 */
	private static final String RUN_IN_ROOT = """
			root=$1 dir=$2 uid=$3 gid=$4; shift 4
			/bin/mount -t proc proc "$root/proc" && /bin/mount --rbind /dev "$root/dev" \
				&& exec /usr/bin/unshare --root="$root" --wd="$dir" --setuid="$uid" --setgid="$gid" "$@"
			""";

	@TempDir
	static Path work;

	private static JsonNode manifest;

	private static JsonNode config;

	private static Process container;

	@BeforeAll
	static void unpack() throws Exception {
		Path image = work.resolve("image");
		Files.createDirectories(image);
		run(List.of("tar", "--warning=no-unknown-keyword", "-xf", System.getProperty("latchkey.image.tar"), "-C",
				image.toString()));
		manifest = json.readTree(Files.readString(image.resolve("manifest.json"))).get(0);
		config = json.readTree(Files.readString(image.resolve(manifest.get("Config").asString())));
	}

	@AfterAll
	static void stopContainer() {
		if (container != null && container.isAlive()) {
			container.destroyForcibly();
		}
	}

	@Test
	void manifestWhenReadThenTaggedWithThisVersionAndTheRuntimeLayeredBelowTheApplication() throws Exception {
		assertThat(manifest.get("RepoTags").get(0).asString()).isEqualTo(System.getProperty("latchkey.image.name"));
		List<String> layers = layers();
		assertThat(config.get("rootfs").get("diff_ids")).hasSize(layers.size());
		assertThat(listing(layers.get(0))).as("the base layer").contains("./opt/java/bin/java", "./etc/passwd");
		assertThat(listing(layers.get(layers.size() - 1))).as("the application layer")
			.contains("opt/latchkey/auth-server.jar", "opt/latchkey/application.jsa")
			.anySatisfy((file) -> assertThat(file)
				.startsWith("opt/latchkey/lib/spring-security-oauth2-authorization-server"));
	}

	@Test
	void configurationWhenReadThenTheExtractedJarRunsWithItsArchiveAsAUserThatOwnsNoFile() throws Exception {
		JsonNode settings = config.get("config");
		assertThat(settings.get("User").asString()).isEqualTo("10001:10001");
		assertThat(settings.get("WorkingDir").asString()).isEqualTo("/opt/latchkey");
		assertThat(strings(settings.get("Entrypoint"))).containsExactly("/opt/java/bin/java",
				"-XX:SharedArchiveFile=application.jsa", "-XX:MaxRAMPercentage=75", "-jar", "auth-server.jar");
		assertThat(settings.get("ExposedPorts").propertyNames()).containsExactlyInAnyOrder("9000/tcp", "9001/tcp");
		assertThat(strings(settings.get("Env"))).contains("SERVER_ADDRESS=0.0.0.0", "MANAGEMENT_ADDRESS=0.0.0.0");
		for (String layer : layers()) {
			// "mode owner/group size date time name", numeric: root owns everything
			for (String line : run(List.of("tar", "--warning=no-unknown-keyword", "--numeric-owner", "-tvzf", layer))
				.lines()
				.toList()) {
				assertThat(line.split("\\s+")[1]).as(line).isEqualTo("0/0");
			}
		}
		Path passwd = work.resolve("passwd");
		run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", layers().get(0), "-C", work.toString(),
				"--transform=s|.*/||", "./etc/passwd"));
		assertThat(Files.readAllLines(passwd)).contains("latchkey:x:10001:10001:Latchkey:/opt/latchkey:/sbin/nologin");
	}

	@Test
	void healthCheckWhenReadThenItAsksReadinessOnTheManagementPort() {
		JsonNode check = config.get("config").get("Healthcheck");
		List<String> test = strings(check.get("Test"));
		assertThat(test.get(0)).isEqualTo("CMD");
		assertThat(test).contains("io.latchkey.authserver.web.ReadinessCheck");
		assertThat(Duration.ofNanos(check.get("Interval").asLong())).isEqualTo(Duration.ofSeconds(10));
		assertThat(Duration.ofNanos(check.get("StartPeriod").asLong())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
		assertThat(check.get("Retries").asInt()).isPositive();
	}

	@Test
	void startWhenRunFromItsOwnFilesThenServesAndOnSigtermDrainsAndFinishesTheRequestInFlight() throws Exception {
		if (!run(List.of("id", "-u")).strip().equals("0") || !Files.isExecutable(Path.of("/usr/bin/unshare"))) {
			throw new IllegalStateException("Starting the image without a container engine needs root and"
					+ " /usr/bin/unshare (util-linux); build as root (.ci/run does) or leave the image out with"
					+ " -DskipImage");
		}
		Path root = unpackedRoot();
		int port = freePort();
		int managementPort = freePort();
		Map<String, String> environment = imageEnvironment();
		// loopback only, as every server started here
		environment.put("SERVER_ADDRESS", "127.0.0.1");
		environment.put("MANAGEMENT_ADDRESS", "127.0.0.1");
		environment.put("PORT", String.valueOf(port));
		environment.put("MANAGEMENT_PORT", String.valueOf(managementPort));
		environment.put("LATCHKEY_ISSUER", "http://127.0.0.1:" + port);
		environment.put("DATABASE_URL", TestDatabases.createDatabase());
		byte[] keyEncryptionKey = new byte[32];
		new SecureRandom().nextBytes(keyEncryptionKey);
		environment.put("LATCHKEY_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(keyEncryptionKey));
		environment.put("LATCHKEY_SHUTDOWN_DRAIN_PERIOD", "3s");
		// the JVM refuses to start unless it maps the image's class archive
		environment.put("JAVA_TOOL_OPTIONS", "-Xshare:on");
		Path log = work.resolve("container.log");
		container = inRoot(root, strings(config.get("config").get("Entrypoint")), environment).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();

		String readiness = "http://127.0.0.1:" + managementPort + "/actuator/health/readiness";
		awaitStatus(readiness, 200, Duration.ofSeconds(120), log);
		assertThat(get(readiness).body()).contains("\"db\":{\"status\":\"UP\"}", "\"schema\":{\"status\":\"UP\"}");
		assertThat(Files.readAllLines(Path.of("/proc", String.valueOf(container.pid()), "status")))
			.as("the process's user")
			.contains("Uid:\t10001\t10001\t10001\t10001");
		String discovery = "http://127.0.0.1:" + port + "/.well-known/openid-configuration";
		assertThat(get(discovery).body()).contains("\"issuer\":\"http://127.0.0.1:" + port + "\"");

		List<String> check = strings(config.get("config").get("Healthcheck").get("Test"));
		Map<String, String> checkEnvironment = imageEnvironment();
		checkEnvironment.put("MANAGEMENT_PORT", String.valueOf(managementPort));
		assertThat(exitCode(inRoot(root, check.subList(1, check.size()), checkEnvironment))).as("health check")
			.isZero();
		checkEnvironment.put("MANAGEMENT_PORT", String.valueOf(port));
		assertThat(exitCode(inRoot(root, check.subList(1, check.size()), checkEnvironment)))
			.as("health check against the public port, which has no readiness")
			.isEqualTo(1);

		String body = "grant_type=client_credentials&client_id=nobody&client_secret=none";
		try (Socket inFlight = new Socket(InetAddress.getLoopbackAddress(), port)) {
			inFlight.setSoTimeout(30_000);
			OutputStream out = inFlight.getOutputStream();
			out.write(("POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
					+ "\r\nConnection: close\r\n\r\n" + body.substring(0, 10))
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread.sleep(500);

			Instant stopping = Instant.now();
			container.destroy();
			awaitNotReady(readiness, Duration.ofSeconds(3));
			assertThat(get(discovery).statusCode()).as("a new request while it drains").isEqualTo(200);
			awaitRefused(port, Duration.ofSeconds(10));
			assertThat(Duration.between(stopping, Instant.now())).as("the public port refused after the drain")
				.isGreaterThanOrEqualTo(Duration.ofSeconds(3));

			out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String answer = new String(inFlight.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).as("the request in flight when the stop began")
				.startsWith("HTTP/1.1 401")
				.contains("\"error\":\"invalid_client\"");
		}
		assertThat(container.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
		assertThat(container.exitValue()).as("exit after SIGTERM").isEqualTo(143);
		String output = Files.readString(log);
		assertThat(output).contains("Graceful shutdown complete").doesNotContain(" ERROR ").doesNotContain("Exception");
	}

	private static Path unpackedRoot() throws Exception {
		Path root = work.resolve("root");
		Files.createDirectories(root);
		for (String layer : layers()) {
			run(List.of("tar", "--warning=no-unknown-keyword", "--numeric-owner", "-xzf", layer, "-C",
					root.toString()));
		}
		// the mount points a container runtime provides
		Files.createDirectories(root.resolve("proc"));
		Files.createDirectories(root.resolve("dev"));
		return root;
	}

	private static ProcessBuilder inRoot(Path root, List<String> command, Map<String, String> environment) {
		String[] user = config.get("config").get("User").asString().split(":");
		List<String> line = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "/bin/sh", "-c", RUN_IN_ROOT, "sh",
				root.toString(), config.get("config").get("WorkingDir").asString(), user[0], user[1]));
		line.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(line);
		builder.environment().clear();
		builder.environment().putAll(environment);
		return builder;
	}

	/** What the image sets, as a container engine passes it. */
	private static Map<String, String> imageEnvironment() {
		Map<String, String> environment = new HashMap<>();
		for (String variable : strings(config.get("config").get("Env"))) {
			int equals = variable.indexOf('=');
			environment.put(variable.substring(0, equals), variable.substring(equals + 1));
		}
		return environment;
	}

	private static List<String> layers() {
		return strings(manifest.get("Layers")).stream()
			.map((layer) -> work.resolve("image").resolve(layer).toString())
			.toList();
	}

	private static List<String> listing(String layer) throws Exception {
		return run(List.of("tar", "--warning=no-unknown-keyword", "-tzf", layer)).lines().toList();
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((element) -> strings.add(element.asString()));
		return strings;
	}

	private static String run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output;
		try (InputStream in = process.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(command + ": " + output).isZero();
		return output;
	}

	private static int exitCode(ProcessBuilder builder) throws Exception {
		Process process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return process.exitValue();
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static void awaitStatus(String url, int status, Duration limit, Path log) throws Exception {
		Instant end = Instant.now().plus(limit);
		while (Instant.now().isBefore(end)) {
			assertThat(container.isAlive()).as(() -> "the container ended: " + read(log)).isTrue();
			try {
				if (get(url).statusCode() == status) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError(url + " did not answer " + status + " within " + limit + ": " + read(log));
	}

	/** Readiness down: refused, or answered with anything but 200. */
	private static void awaitNotReady(String url, Duration limit) throws Exception {
		Instant end = Instant.now().plus(limit);
		while (Instant.now().isBefore(end)) {
			try {
				if (get(url).statusCode() != 200) {
					return;
				}
			}
			catch (IOException ex) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("readiness still up " + limit + " after SIGTERM");
	}

	private static void awaitRefused(int port, Duration limit) throws Exception {
		Instant end = Instant.now().plus(limit);
		while (Instant.now().isBefore(end)) {
			try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
				Thread.sleep(100);
			}
			catch (ConnectException ex) {
				return;
			}
		}
		throw new AssertionError("port " + port + " still accepts " + limit + " after SIGTERM");
	}

	private static String read(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
