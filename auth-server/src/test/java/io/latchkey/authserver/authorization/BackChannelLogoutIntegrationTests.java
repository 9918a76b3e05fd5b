package io.latchkey.authserver.authorization;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpServer;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.client.LatchkeyClientSettings;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.MovableClock;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import io.latchkey.authserver.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenID Connect Back-Channel Logout 1.0: logout tokens to clients, with retries. */
@AuthServerIntegrationTest
class BackChannelLogoutIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	BackChannelLogout backChannelLogout;

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcClient jdbc;

	HttpServer receiver;

	final List<String> received = new CopyOnWriteArrayList<>();

	final AtomicInteger failuresToGive = new AtomicInteger();

	HttpUserAgent browser;

	RegisteredClient client;

	@BeforeEach
	void setUp() throws Exception {
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.receiver.createContext("/backchannel-logout", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				String form = new String(body.readAllBytes(), StandardCharsets.UTF_8);
				if (this.failuresToGive.getAndDecrement() > 0) {
					exchange.sendResponseHeaders(503, -1);
					return;
				}
				this.received.add(URLDecoder.decode(form.substring(form.indexOf('=') + 1), StandardCharsets.UTF_8));
				exchange.sendResponseHeaders(200, -1);
			}
		});
		this.receiver.start();
		this.client = backChannelClient();
		this.browser = new HttpUserAgent("http://localhost:" + this.port);
		this.username = Accounts.registerAndSignIn(this.browser);
		OAuthFlows flows = new OAuthFlows(this.browser);
		Pkce pkce = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(this.client.getClientId(), "openid", pkce, Map.of())));
		this.idToken = SignedJWT
			.parse(flows.exchangeCode(this.client.getClientId(), code, pkce.verifier()).get("id_token"))
			.getJWTClaimsSet();
	}

	JWTClaimsSet idToken;

	String username;

	@AfterEach
	void tearDown() {
		this.receiver.stop(0);
		this.clock.reset();
	}

	@Test
	void signOutWhenClientHasBackChannelUriThenItReceivesASignedLogoutToken() throws Exception {
		this.browser.submitForm("/", "form[action$=/logout]", Map.of());

		String token = awaitLogoutToken();
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt")));
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
				new ImmutableJWKSet<>(JWKSet.parse(this.browser.get("/oauth2/jwks").body()))));
		JWTClaimsSet claims = processor.process(token, null);
		assertThat(claims.getAudience()).containsExactly(this.client.getClientId());
		// the person, and the session they signed out of, as the client's ID token named
		// them
		assertThat(claims.getSubject()).isEqualTo(this.idToken.getSubject());
		assertThat(claims.getStringClaim("sid")).isNotBlank().isEqualTo(this.idToken.getStringClaim("sid"));
		assertThat(claims.getJWTID()).isNotBlank();
		// OpenID Connect Back-Channel Logout 1.0 section 2.4
		assertThat(claims.getJSONObjectClaim("events"))
			.containsKey("http://schemas.openid.net/event/backchannel-logout");
		assertThat(claims.getClaim("nonce")).isNull();
	}

	@Test
	void signOutWhenClientFailsAtFirstThenDeliveryIsRetriedAndRecorded() throws Exception {
		this.failuresToGive.set(1);

		this.browser.submitForm("/", "form[action$=/logout]", Map.of());
		awaitAttempts(1);
		assertThat(this.received).isEmpty();

		this.clock.advance(Duration.ofSeconds(11));
		this.backChannelLogout.deliverDue();

		assertThat(awaitLogoutToken()).isNotBlank();
		assertThat(this.jdbc
			.sql("select count(*) from audit_event where event_type = 'BACKCHANNEL_LOGOUT_SENT'"
					+ " and client_id = ? and outcome = 'SUCCESS'")
			.param(this.client.getClientId())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void signOutWhenAnotherClientWasSignedInOnlyInAnotherSessionThenOnlyThisSessionsClientHearsOfIt() throws Exception {
		RegisteredClient otherSessionsClient = backChannelClient();
		HttpUserAgent otherBrowser = new HttpUserAgent(this.browser.baseUrl());
		otherBrowser.follow(Accounts.signIn(otherBrowser, this.username, Accounts.PASSWORD));
		OAuthFlows flows = new OAuthFlows(otherBrowser);
		Pkce pkce = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(otherSessionsClient.getClientId(), "openid", pkce, Map.of())));
		assertThat(flows.exchangeCode(otherSessionsClient.getClientId(), code, pkce.verifier()).status())
			.isEqualTo(200);

		this.browser.submitForm("/", "form[action$=/logout]", Map.of());

		// Back-Channel Logout 1.0 section 2.7: the RPs that took part in that session
		JWTClaimsSet claims = SignedJWT.parse(awaitLogoutToken()).getJWTClaimsSet();
		assertThat(claims.getStringClaim("sid")).isEqualTo(this.idToken.getStringClaim("sid"));
		assertThat(deliveriesTo(this.client)).isEqualTo(1);
		assertThat(deliveriesTo(otherSessionsClient)).as("never saw that session").isZero();
	}

	@Test
	void passwordResetWhenSessionsEndThenTheClientHearsOfItToo() throws Exception {
		String email = this.browser.get("/").document().select("#email").text();
		this.browser.submitForm("/forgot-password", "form[action$=/forgot-password]", Map.of("email", email));
		String link = TestMailServer.awaitMessage(email, 2).link("/reset-password?token=");
		HttpUserAgent other = new HttpUserAgent(this.browser.baseUrl());
		other.submitForm(other.get(link), "form[action$=/reset-password]",
				Map.of("password", "a new passphrase after reset", "confirmPassword", "a new passphrase after reset"));

		// every session ended: the token names the person only
		JWTClaimsSet claims = SignedJWT.parse(awaitLogoutToken()).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo(this.idToken.getSubject());
		assertThat(claims.getClaim("sid")).isNull();
	}

	@Test
	void signOutFromAnotherBrowserWhenPersonEndsThisSessionThenItsClientHearsOfThatSession() throws Exception {
		HttpUserAgent otherBrowser = new HttpUserAgent(this.browser.baseUrl());
		otherBrowser.follow(Accounts.signIn(otherBrowser, this.username, Accounts.PASSWORD));

		// "Where you are signed in": the other browser lists this session first among the
		// others
		otherBrowser.submitForm("/account/sessions", "form.sign-out-session", Map.of());

		// as if the person had signed out here (section 2.4: this session's sid)
		JWTClaimsSet claims = SignedJWT.parse(awaitLogoutToken()).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo(this.idToken.getSubject());
		assertThat(claims.getStringClaim("sid")).isEqualTo(this.idToken.getStringClaim("sid"));
		assertThat(this.browser.get("/").location()).endsWith("/login");
	}

	@Test
	void removeAccessWhenPersonWithdrawsTheClientThenItHearsOfItForEverySession() throws Exception {
		RegisteredClient untouched = backChannelClient();
		OAuthFlows flows = new OAuthFlows(this.browser);
		Pkce pkce = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(untouched.getClientId(), "openid", pkce, Map.of())));
		assertThat(flows.exchangeCode(untouched.getClientId(), code, pkce.verifier()).status()).isEqualTo(200);

		this.browser.submitForm("/account/applications",
				"li[data-application=" + this.client.getId() + "] form.remove-access", Map.of());

		// the person, not one session: the client ends every session of theirs
		JWTClaimsSet claims = SignedJWT.parse(awaitLogoutToken()).getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly(this.client.getClientId());
		assertThat(claims.getSubject()).isEqualTo(this.idToken.getSubject());
		assertThat(claims.getClaim("sid")).isNull();
		assertThat(deliveriesTo(untouched)).as("the other application keeps its access").isZero();
		assertThat(this.browser.get("/").status()).as("the person stays signed in here").isEqualTo(200);
	}

	private long deliveriesTo(RegisteredClient client) {
		return this.jdbc.sql("select count(*) from backchannel_logout_delivery where client_id = ?")
			.param(client.getClientId())
			.query(Long.class)
			.single();
	}

	private RegisteredClient backChannelClient() {
		RegisteredClient base = TestClients.webClient(this.clients, this.secrets, false);
		RegisteredClient client = RegisteredClient.from(base)
			.clientSettings(
					LatchkeyClientSettings.writeTo(ClientSettings.withSettings(base.getClientSettings().getSettings()))
						.backChannelLogoutUri(
								"http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/backchannel-logout")
						.and()
						.build())
			.build();
		this.clients.save(client);
		return client;
	}

	private String awaitLogoutToken() throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(10);
		while (this.received.isEmpty() && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}
		assertThat(this.received).as("a logout token arrived").isNotEmpty();
		return this.received.get(0);
	}

	private void awaitAttempts(int attempts) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(10);
		while (Instant.now().isBefore(deadline)) {
			Integer made = this.jdbc.sql("select max(attempts) from backchannel_logout_delivery where client_id = ?")
				.param(this.client.getClientId())
				.query(Integer.class)
				.single();
			if (made != null && made >= attempts && this.jdbc
				.sql("select count(*) from backchannel_logout_delivery where client_id = ? and last_error is not null")
				.param(this.client.getClientId())
				.query(Long.class)
				.single() > 0) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("no failed attempt was recorded");
	}

}
