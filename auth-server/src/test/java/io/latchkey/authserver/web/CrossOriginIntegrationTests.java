package io.latchkey.authserver.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.latchkey.authserver.client.ClientDefinition;
import io.latchkey.authserver.client.ClientType;
import io.latchkey.authserver.client.RegisteredClients;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single-page application calls the token, userinfo and revocation endpoints from its
 * own origin (OAuth 2.0 for Browser-Based Apps; the Fetch standard's CORS protocol):
 * allowed for the origins of public clients' redirect URIs and no other; discovery and
 * keys for anyone.
 */
@AuthServerIntegrationTest
class CrossOriginIntegrationTests {

	private static final String SPA = "https://spa.example.com";

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	MovableClock clock;

	HttpUserAgent http;

	@BeforeEach
	void setUp() {
		String id = UUID.randomUUID().toString();
		this.clients.save(RegisteredClients.build(id, "spa-" + id.substring(0, 8),
				new ClientDefinition("Single-page app", ClientType.PUBLIC, List.of(SPA + "/callback"), List.of(), null,
						Set.of("openid"), false, false, Duration.ofMinutes(5), Duration.ofHours(8)),
				null, Duration.ofMinutes(1), false));
		// past the time each node keeps the origins it read
		this.clock.advance(Duration.ofMinutes(1));
		this.http = new HttpUserAgent("http://localhost:" + this.port);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void preflightWhenFromAPublicClientsOriginThenAllowedWithoutCookies() {
		for (String path : List.of("/oauth2/token", "/userinfo", "/oauth2/revoke")) {
			Response preflight = preflight(path, SPA);

			assertThat(preflight.status()).as(path).isEqualTo(200);
			assertThat(preflight.header("Access-Control-Allow-Origin")).as(path).isEqualTo(SPA);
			assertThat(preflight.header("Access-Control-Allow-Methods")).as(path).contains("POST");
			assertThat(preflight.header("Access-Control-Allow-Headers")).as(path).containsIgnoringCase("dpop");
			assertThat(preflight.header("Access-Control-Allow-Credentials")).as(path).isNull();
		}
	}

	@Test
	void preflightWhenFromAnyOtherOriginThenRefusedAndNoCorsHeaders() {
		Response preflight = preflight("/oauth2/token", "https://attacker.example");

		assertThat(preflight.status()).isEqualTo(403);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void tokenRequestWhenFromAPublicClientsOriginThenTheAnswerIsReadableThere() {
		Response answer = this.http.send(HttpRequest.newBuilder(URI.create(this.http.baseUrl() + "/oauth2/token"))
			.header("Origin", SPA)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=unknown")));

		assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(SPA);
	}

	@Test
	void discoveryAndKeysWhenReadFromAnyOriginThenAllowed() {
		for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
				"/oauth2/jwks")) {
			Response answer = this.http.send(HttpRequest.newBuilder(URI.create(this.http.baseUrl() + path))
				.header("Origin", "https://any.example")
				.GET());

			assertThat(answer.status()).as(path).isEqualTo(200);
			assertThat(answer.header("Access-Control-Allow-Origin")).as(path).isEqualTo("*");
		}
	}

	private Response preflight(String path, String origin) {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.http.baseUrl() + path))
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type, dpop")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
	}

}
