package io.latchkey.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.latchkey.authserver.support.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latchkey as scripts/cluster.sh runs it: nginx from Debian's packages with the committed
 * config/nginx/latchkey.conf (on this test's ports), ending TLS with a self-signed
 * certificate and balancing two auth-server nodes on one PostgreSQL database; the issuer
 * is nginx's https origin; the sample API and app use it. In Chromium, which trusts that
 * one certificate: a person signs in through the app while requests alternate between the
 * nodes, finishes the flow when a node stops with the consent page open, stays signed in
 * while either node is stopped, and signing out at Latchkey ends the app's session too;
 * an administrator's key rotation (until the successor signs on both nodes) and client
 * change hold on both nodes at once.
 */
class ClusterEndToEndTests {

	private static final Path NGINX = Path.of(System.getenv().getOrDefault("NGINX_BINARY", "/usr/sbin/nginx"));

	private static final String PASSWORD = "cluster end to end passphrase";

	private static final String SECRET = "sample-client-a-cluster-test-secret-0123456789";

	private static final String SERVICE_SECRET = "messages-service-cluster-test-secret-0123456";

	private static final String ADMIN_PASSWORD = "keeper of two nodes 2026";

	@TempDir
	static Path workDir;

	static Program node1;

	static Program node2;

	static Process nginx;

	static Program api;

	static Program app;

	static String issuer;

	static String database;

	static int management1;

	static int management2;

	static ChromeDriver browser;

	static BrowserSteps steps;

	@BeforeAll
	static void startCluster() throws Exception {
		if (!Files.isExecutable(NGINX)) {
			throw new IllegalStateException("The cluster test needs nginx at " + NGINX
					+ " (Debian: apt-get install nginx-light; .ci/run installs it)");
		}
		int nginxPort = Program.freePort();
		int port1 = Program.freePort();
		int port2 = Program.freePort();
		management1 = Program.freePort();
		management2 = Program.freePort();
		int apiPort = Program.freePort();
		int appPort = Program.freePort();
		issuer = "https://localhost:" + nginxPort;
		Path nginxDir = Files.createDirectories(workDir.resolve("nginx"));
		Files.createDirectories(nginxDir.resolve("logs"));
		Files.createDirectories(nginxDir.resolve("temp"));
		Path tls = Files.createDirectories(nginxDir.resolve("tls"));
		run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
				"-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout",
				tls.resolve("latchkey.key").toString(), "-out", tls.resolve("latchkey.crt").toString()));
		Path trustStore = workDir.resolve("truststore.p12");
		run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
				"-alias", "latchkey", "-file", tls.resolve("latchkey.crt").toString(), "-keystore",
				trustStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit"));

		// the committed configuration, on this test's ports
		Path projectRoot = Path.of(System.getProperty("latchkey.project.root"));
		String configuration = Files.readString(projectRoot.resolve("config/nginx/latchkey.conf"))
			.replace("127.0.0.1:9443", "127.0.0.1:" + nginxPort)
			.replace("127.0.0.1:9010", "127.0.0.1:" + port1)
			.replace("127.0.0.1:9020", "127.0.0.1:" + port2);
		Files.writeString(nginxDir.resolve("latchkey.conf"), configuration);

		Files.createDirectories(workDir.resolve("config"));
		Files.writeString(workDir.resolve("config/auth-server.yaml"), authServerConfig(appPort));
		byte[] keyEncryptionKey = new byte[32];
		new SecureRandom().nextBytes(keyEncryptionKey);
		database = TestDatabases.createDatabase();
		String kek = Base64.getEncoder().encodeToString(keyEncryptionKey);
		// one after the other: the first migrates the schema
		node1 = node("auth-server-1", port1, management1, database, kek).start();
		node2 = node("auth-server-2", port2, management2, database, kek).start();
		nginx = new ProcessBuilder(NGINX.toString(), "-p", nginxDir + "/", "-c", "latchkey.conf")
			.redirectErrorStream(true)
			.redirectOutput(workDir.resolve("nginx.log").toFile())
			.start();
		awaitAnswer(issuer + "/.well-known/openid-configuration", trustStore);
		Map<String, String> trust = Map.of("JAVA_TOOL_OPTIONS",
				"-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=changeit");
		api = new Program("sample-resource-server", Program.runnableJar("sample-resource-server"), workDir, apiPort,
				merge(trust, Map.of("LATCHKEY_ISSUER", issuer)), List.of())
			.start();
		app = new Program("sample-client-a", Program.runnableJar("sample-client-app"), workDir, appPort,
				merge(trust,
						Map.of("LATCHKEY_ISSUER", issuer, "SAMPLE_CLIENT_ID", "sample-client-a", "SAMPLE_CLIENT_SECRET",
								SECRET, "SESSION_COOKIE_NAME", "SAMPLE_CLIENT_A")),
				List.of("--sample.messages-api=http://localhost:" + apiPort, "--sample.title=Sample App A",
						"--spring.security.oauth2.client.registration.latchkey.scope=openid,profile,email,messages.read"))
			.start();
		// Chromium trusts this certificate alone (its public key's hash), not every one
		browser = Chromium.start(Files.createDirectories(workDir.resolve("chromium")),
				List.of("--ignore-certificate-errors-spki-list=" + spkiHash(tls.resolve("latchkey.crt"))));
		steps = new BrowserSteps(browser);
	}

	@AfterAll
	static void stopCluster() {
		if (browser != null) {
			browser.quit();
		}
		if (nginx != null) {
			nginx.destroy();
		}
		for (Program program : new Program[] { app, api, node2, node1 }) {
			if (program != null) {
				program.close();
			}
		}
	}

	@BeforeEach
	void signedOut() {
		browser.get(issuer + "/favicon.svg");
		browser.manage().deleteAllCookies();
		browser.get(app.url() + "/favicon.svg");
		browser.manage().deleteAllCookies();
	}

	@Test
	void personSignsInAcrossBothNodesStaysSignedInWhileEitherStopsAndSignsOutEverywhere() throws Exception {
		String username = "e2e" + UUID.randomUUID().toString().substring(0, 8);
		double served1 = requestsServed(management1);
		double served2 = requestsServed(management2);

		// through the app to Latchkey behind nginx: a new account, consent, the API's
		// data
		browser.get(app.url() + "/");
		steps.click(By.id("sign-in"));
		steps.awaitUrlStartsWith(issuer + "/login");
		steps.createAccountAndSignIn(username, PASSWORD);
		steps.awaitText(By.tagName("h1"), "Allow Sample App A");
		// nginx alternated: both nodes served parts of this one sign-in
		assertThat(requestsServed(management1)).as("node 1 served some").isGreaterThan(served1);
		assertThat(requestsServed(management2)).as("node 2 served some").isGreaterThan(served2);

		// a node stops in the middle of the flow, the consent page open: the saved
		// request and the session are in the database, so the other node finishes it
		node1.stop();
		steps.click(By.id("submit-consent"));
		steps.awaitUrlStartsWith(app.url());
		browser.get(app.url() + "/messages");
		steps.awaitText(By.id("user-name"), username);
		steps.awaitText(By.id("messages"), "Welcome to the Latchkey sample API.");
		node1.start();

		// either node stops: the session lives in the database, the other serves it
		node1.stop();
		browser.get(issuer + "/");
		steps.awaitText(By.id("username"), username);
		node1.start();
		node2.stop();
		browser.get(issuer + "/account/sessions");
		steps.awaitText(By.cssSelector("li.session.current"), "This browser");
		node2.start();

		// signing out at Latchkey ends the app's session too (back-channel logout)
		browser.get(issuer + "/");
		steps.click(By.cssSelector(".site-header form button"));
		steps.awaitUrlStartsWith(issuer + "/login");
		boolean signedOutOfApp = false;
		for (int i = 0; i < 40 && !signedOutOfApp; i++) {
			browser.get(app.url() + "/messages");
			signedOutOfApp = browser.getCurrentUrl().startsWith(issuer + "/login");
			if (!signedOutOfApp) {
				Thread.sleep(250);
			}
		}
		assertThat(signedOutOfApp).as("the app asks for sign-in again").isTrue();
	}

	/**
	 * An administrator rotates the keys through whichever node nginx picks, and once the
	 * successor signs, tokens from both nodes keep passing the sample API (which has the
	 * old key set cached), none fails; then disables a client, and both nodes refuse it
	 * (a cached client is evicted on every node by PostgreSQL NOTIFY).
	 */
	@Test
	void administratorRotatesKeysAndDisablesAClientThenBothNodesAgree() throws Exception {
		browser.get(issuer + "/login");
		steps.type(By.id("username"), "admin");
		steps.type(By.id("password"), ADMIN_PASSWORD);
		steps.click(By.cssSelector("form[action$='/login'] button[type=submit]"));
		steps.awaitText(By.tagName("h1"), "Hello");
		browser.get(issuer + "/admin/keys");
		steps.click(By.cssSelector("form[action$='/admin/keys/rotate'] button"));
		steps.awaitText(By.cssSelector("[role=status]"), "Successor keys are published");

		// the successors sign once the lead time (an hour) has passed: the test moves
		// their start to now, and calls the API, alternating tokens of both nodes,
		// before, while and after each node reloads its keys and switches
		String oldKid = kidOf(serviceToken(node1.port()));
		List<String> refused = new ArrayList<>();
		Map<String, Integer> callsByKid = new LinkedHashMap<>();
		for (int i = 0; i < 10; i++) {
			callWithATokenOf((i % 2 == 0) ? node1 : node2, refused, callsByKid);
		}
		long switching = System.nanoTime();
		try (Connection connection = DriverManager.getConnection(database)) {
			connection.createStatement()
				.executeUpdate("update signing_key set activates_at = now() where activates_at > now()"
						+ " and algorithm = 'RS256'");
		}
		long switched = -1;
		int calls = 10;
		int afterSwitch = 0;
		while (System.nanoTime() - switching < TimeUnit.SECONDS.toNanos(30) && afterSwitch < 10) {
			String kid1 = callWithATokenOf(node1, refused, callsByKid);
			String kid2 = callWithATokenOf(node2, refused, callsByKid);
			calls += 2;
			if (switched < 0 && !kid1.equals(oldKid) && !kid2.equals(oldKid)) {
				switched = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - switching);
			}
			afterSwitch += (switched >= 0) ? 1 : 0;
			Thread.sleep(200);
		}
		System.out.println("Cluster: " + refused.size() + " of " + calls + " API calls refused while the successor key"
				+ " took over (calls by signing key " + callsByKid + "), both nodes signing with it " + switched
				+ " ms after its start");
		assertThat(switched).as("ms until both nodes sign with the successor").isBetween(0L, 20_000L);
		assertThat(refused).as("API calls refused around the switch, of " + calls).isEmpty();

		browser.get(issuer + "/admin/clients");
		long disabledAt = System.nanoTime();
		steps.click(By.xpath("//tr[td[contains(., 'messages-service')]]//form[contains(@action, '/disable')]/button"));
		steps.awaitText(By.cssSelector("[role=status]"), "The client is disabled");
		long refusedByBoth = -1;
		while (System.nanoTime() - disabledAt < TimeUnit.SECONDS.toNanos(15)) {
			if (tokenStatus(node1.port()) == 401 && tokenStatus(node2.port()) == 401) {
				refusedByBoth = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - disabledAt);
				break;
			}
			Thread.sleep(50);
		}
		System.out
			.println("Cluster: a disabled client was refused by both nodes " + refusedByBoth + " ms after the click");
		assertThat(refusedByBoth).as("ms until both nodes refuse the disabled client").isBetween(0L, 10_000L);
		browser.get(issuer + "/");
		steps.click(By.cssSelector(".site-header form button"));
	}

	/** A token from the node, at the sample API; its signing key's id. */
	private static String callWithATokenOf(Program node, List<String> refused, Map<String, Integer> callsByKid)
			throws Exception {
		String token = serviceToken(node.port());
		String kid = kidOf(token);
		callsByKid.merge(kid, 1, Integer::sum);
		HttpResponse<String> answer = callApi(token);
		if (answer.statusCode() != 200) {
			refused.add(answer.statusCode() + " " + answer.headers().firstValue("WWW-Authenticate").orElse(""));
		}
		return kid;
	}

	private static String kidOf(String jwt) {
		String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
				StandardCharsets.UTF_8);
		Matcher kid = Pattern.compile("\"kid\":\"([^\"]+)\"").matcher(header);
		assertThat(kid.find()).as(header).isTrue();
		return kid.group(1);
	}

	private static String serviceToken(int nodePort) throws Exception {
		HttpResponse<String> response = tokenRequest(nodePort);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
		assertThat(token.find()).isTrue();
		return token.group(1);
	}

	private static int tokenStatus(int nodePort) throws Exception {
		return tokenRequest(nodePort).statusCode();
	}

	/** Straight to one node, past nginx: the token endpoint needs no cookie. */
	private static HttpResponse<String> tokenRequest(int nodePort) throws Exception {
		String credentials = Base64.getEncoder()
			.encodeToString(("messages-service:" + SERVICE_SECRET).getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodePort + "/oauth2/token"))
				.header("Authorization", "Basic " + credentials)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=messages.read"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> callApi(String accessToken) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(api.url() + "/api/messages"))
				.header("Authorization", "Bearer " + accessToken)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The requests a node answered so far, from its management port. */
	private static double requestsServed(int managementPort) throws Exception {
		String metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		double total = 0;
		Matcher sample = Pattern.compile("^http_server_requests_seconds_count\\{([^}]*)} (\\S+)$", Pattern.MULTILINE)
			.matcher(metrics);
		while (sample.find()) {
			if (!sample.group(1).contains("actuator")) {
				total += Double.parseDouble(sample.group(2));
			}
		}
		return total;
	}

	private static Program node(String name, int port, int managementPort, String database, String kek) {
		return new Program(name, Program.runnableJar("auth-server"), workDir, port,
				Map.of("DATABASE_URL", database, "LATCHKEY_KEY_ENCRYPTION_KEY", kek, "LATCHKEY_ISSUER", issuer,
						"MANAGEMENT_PORT", String.valueOf(managementPort)),
				List.of("--server.forward-headers-strategy=native",
						"--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
						"--server.servlet.session.cookie.secure=true",
						// nodes reread the keys every 5 s, so the test waits seconds, not
						// a minute,
						// for a successor to sign everywhere
						"--latchkey.keys.reload-interval=5s"));
	}

	private static String authServerConfig(int appPort) {
		// the issuer is configured, as config/auth-server.yaml does: without it each node
		// names the host a request reached, and a token from a node reached directly
		// would not be the issuer's
		return """
				spring.security.oauth2.authorizationserver.issuer: ${LATCHKEY_ISSUER}
				latchkey:
				  accounts:
				    default-roles: [writer]
				  bootstrap-admin:
				    username: admin
				    email: admin@localhost
				    password: %s
				  tokens:
				    resources:
				      - audience: messages-api
				        scopes: [messages.read, messages.write]
				  clients:
				    - client-id: sample-client-a
				      name: Sample App A
				      type: web
				      secret: %s
				      redirect-uris: [http://localhost:%d/login/oauth2/code/latchkey]
				      post-logout-redirect-uris: [http://localhost:%d/]
				      backchannel-logout-uri: http://localhost:%d/logout/connect/back-channel/latchkey
				      scopes: [openid, profile, email, messages.read, messages.write]
				      require-consent: true
				    - client-id: messages-service
				      name: Messages batch service
				      type: service
				      secret: %s
				      scopes: [messages.read]
				""".formatted(ADMIN_PASSWORD, SECRET, appPort, appPort, appPort, SERVICE_SECRET);
	}

	private static String spkiHash(Path certificate) throws Exception {
		try (InputStream in = Files.newInputStream(certificate)) {
			X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
			return Base64.getEncoder()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(x509.getPublicKey().getEncoded()));
		}
	}

	/** Until nginx answers over TLS with the certificate the trust store holds. */
	private static void awaitAnswer(String url, Path trustStore) throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(trustStore)) {
			trusted.load(in, "changeit".toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, trust.getTrustManagers(), null);
		HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
		for (int i = 0; i < 60; i++) {
			if (!nginx.isAlive()) {
				throw new IllegalStateException("nginx exited:\n" + Files.readString(workDir.resolve("nginx.log")));
			}
			try {
				if (client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("nginx did not answer " + url);
	}

	private static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
		Map<String, String> merged = new HashMap<>(first);
		merged.putAll(second);
		return merged;
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
	}

}
