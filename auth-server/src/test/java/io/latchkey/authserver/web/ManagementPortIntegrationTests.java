package io.latchkey.authserver.web;

import java.net.ServerSocket;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.latchkey.authserver.AuthServerApplication;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The management port, as a load balancer and Prometheus use it: liveness, readiness
 * (database and schema), info, and metrics that move when people sign in and clients get
 * tokens; and none of it on the public port.
 */
@AuthServerIntegrationTest
class ManagementPortIntegrationTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Test
	void probesWhenTheDatabaseAnswersThenLiveAndReadyWithTheSchemaMigrated() {
		HttpUserAgent monitor = management();

		assertThat(monitor.get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
		Response readiness = monitor.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("\"db\"").contains("\"schema\"");
		assertThat(monitor.get("/actuator/info").body()).contains("\"build\"").contains("\"version\"");
	}

	@Test
	void readinessCheckWhenAskedOfTheManagementPortThenReadyAndOfAnyOtherPortNot() {
		assertThat(ReadinessCheck.ready("http://127.0.0.1:" + this.managementPort + "/actuator/health/readiness"))
			.isTrue();
		// the public port sends the sign-in page's redirect
		assertThat(ReadinessCheck.ready("http://127.0.0.1:" + this.port + "/actuator/health/readiness")).isFalse();
		assertThat(ReadinessCheck.ready("http://127.0.0.1:1/actuator/health/readiness")).isFalse();
	}

	@Test
	void managementEndpointsWhenAskedOnThePublicPortThenNotThere() {
		HttpUserAgent visitor = new HttpUserAgent("http://localhost:" + this.port);

		for (String path : new String[] { "/actuator/health", "/actuator/prometheus", "/actuator/info" }) {
			Response answer = visitor.get(path);
			assertThat(answer.status()).as(path).isNotEqualTo(200);
			assertThat(answer.body()).as(path).doesNotContain("\"status\"").doesNotContain("jvm_");
		}
	}

	@Test
	void prometheusWhenSomeoneSignsInAndAClientGetsATokenThenTheirCountersMove() {
		String signIns = "latchkey_sign_ins_total{application=\"auth-server\",method=\"password\",outcome=\"success\"}";
		String failures = "latchkey_sign_ins_total{application=\"auth-server\",method=\"password\",outcome=\"failure\"}";
		String tokens = "latchkey_tokens_issued_total{application=\"auth-server\",client_type=\"confidential\","
				+ "grant_type=\"authorization_code\"}";
		String before = scrape();

		HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port);
		String username = Accounts.registerAndSignIn(browser);
		Accounts.signIn(new HttpUserAgent(browser.baseUrl()), username, "not the password");
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		OAuthFlows flows = new OAuthFlows(browser);
		Pkce pkce = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid", pkce, Map.of())));
		assertThat(flows.exchangeCode(client.getClientId(), code, pkce.verifier()).status()).isEqualTo(200);

		String after = scrape();
		assertThat(value(after, signIns)).isGreaterThanOrEqualTo(value(before, signIns) + 1);
		assertThat(value(after, failures)).isGreaterThanOrEqualTo(value(before, failures) + 1);
		assertThat(value(after, tokens)).isGreaterThanOrEqualTo(value(before, tokens) + 1);
		assertThat(value(after, "latchkey_registrations_total{application=\"auth-server\"}"))
			.isGreaterThanOrEqualTo(value(before, "latchkey_registrations_total{application=\"auth-server\"}") + 1);
		// the protocol endpoints are named, although the library answers them in filters
		assertThat(after).contains("method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/oauth2/token\"}")
			.contains("uri=\"/oauth2/authorize\"");
		// the signing keys' age, and the standard JVM, HTTP server, pool and Tomcat
		// meters
		assertThat(after).contains("latchkey_signing_keys_age_seconds{algorithm=\"RS256\"")
			.contains("jvm_memory_used_bytes")
			.contains("http_server_requests_seconds_count")
			.contains("hikaricp_connections_active")
			.contains("tomcat_sessions_active_current_sessions");
	}

	@Test
	void startWhenTheManagementPortIsThePublicPortThenRefused() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		String samePort = "--management.server.port=" + port;
		assertThatThrownBy(() -> new SpringApplicationBuilder(AuthServerApplication.class).run("--server.port=" + port,
				samePort, "--spring.datasource.url=jdbc:h2:mem:management-port-check"))
			.hasStackTraceContaining("management.server.port (MANAGEMENT_PORT) must be a port of its own");
	}

	@Test
	void startWhenTheManagementPortIsMinusOneThenItStartsWithoutManagementEndpoints() {
		try (var context = new SpringApplicationBuilder(AuthServerApplication.class).run("--server.port=0",
				"--management.server.port=-1", "--spring.datasource.url=jdbc:h2:mem:management-off")) {
			assertThat(context.isActive()).isTrue();
		}
	}

	private String scrape() {
		Response metrics = management().get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		return metrics.body();
	}

	/** A sample's value in Prometheus' text format, 0 when it is not there yet. */
	private static double value(String scrape, String sample) {
		Matcher line = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
		return line.find() ? Double.parseDouble(line.group(1)) : 0;
	}

	/** A monitor takes what the endpoint gives (pages ask for HTML, which it has not). */
	private HttpUserAgent management() {
		return new HttpUserAgent("http://127.0.0.1:" + this.managementPort, Map.of("Accept", "*/*"));
	}

}
