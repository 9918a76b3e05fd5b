package io.latchkey.authserver.authorization;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.client.ClientDefinition;
import io.latchkey.authserver.client.ClientOptions;
import io.latchkey.authserver.client.ClientRegistrations;
import io.latchkey.authserver.client.ClientRules;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.client.ClientType;
import io.latchkey.authserver.client.LatchkeyClientSettings;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pairwise subject identifiers (OpenID Connect Core 8.1) and sector identifier validation
 * (OpenID Connect Registration 5).
 */
@AuthServerIntegrationTest
class PairwiseSubjectIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	ClientRegistrations registrations;

	@Autowired
	UserAccountRepository accounts;

	HttpUserAgent browser;

	OAuthFlows flows;

	String accountId;

	HttpServer sectorSite;

	@BeforeEach
	void setUp() throws Exception {
		this.browser = new HttpUserAgent("http://localhost:" + this.port);
		this.flows = new OAuthFlows(this.browser);
		String username = Accounts.registerAndSignIn(this.browser);
		this.accountId = this.accounts.findByUsername(username).orElseThrow().getId().toString();
		this.sectorSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		byte[] listing = ("[\"" + TestClients.REDIRECT_URI + "\"]").getBytes(StandardCharsets.UTF_8);
		this.sectorSite.createContext("/sector.json", (exchange) -> {
			exchange.sendResponseHeaders(200, listing.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(listing);
			}
		});
		this.sectorSite.start();
	}

	@AfterEach
	void tearDown() {
		this.sectorSite.stop(0);
	}

	@Test
	void tokensWhenClientIsPairwiseThenItsOwnSubjectInIdTokenAndUserInfoOnly() throws Exception {
		RegisteredClient pairwise = pairwise(TestClients.webClient(this.clients, this.secrets, false), null);
		RegisteredClient sameSector = pairwise(TestClients.webClient(this.clients, this.secrets, false), null);
		RegisteredClient otherSector = pairwise(TestClients.webClient(this.clients, this.secrets, false),
				"http://localhost:" + this.sectorSite.getAddress().getPort() + "/sector.json");
		RegisteredClient publicSubjects = TestClients.webClient(this.clients, this.secrets, false);

		TokenResponse tokens = signIn(pairwise);
		String subject = SignedJWT.parse(tokens.get("id_token")).getJWTClaimsSet().getSubject();

		assertThat(subject).isNotEqualTo(this.accountId).matches("[A-Za-z0-9_-]{43}");
		assertThat(this.flows.getWithBearer("/userinfo", tokens.get("access_token")).get("sub")).isEqualTo(subject);
		// the access token is for our APIs, which know people by their account id
		assertThat(SignedJWT.parse(tokens.get("access_token")).getJWTClaimsSet().getSubject())
			.isEqualTo(this.accountId);
		assertThat(idTokenSubject(sameSector)).isEqualTo(subject);
		assertThat(idTokenSubject(otherSector)).isNotEqualTo(subject).isNotEqualTo(this.accountId);
		assertThat(idTokenSubject(publicSubjects)).isEqualTo(this.accountId);
	}

	@Test
	void registerWhenPairwiseRedirectHostsDifferWithoutSectorThenRefused() {
		ClientRegistrations.Registered registered = this.registrations
			.register(definition(List.of("https://one.example/cb", "https://two.example/cb"), null), owner(), "test");

		assertThat(registered.problems()).extracting(ClientRules.Problem::messageKey)
			.containsExactly("client.sector.needed");
	}

	@Test
	void registerWhenSectorIdentifierDoesNotListTheRedirectUriThenRefused() {
		String sector = "http://127.0.0.1:" + this.sectorSite.getAddress().getPort() + "/sector.json";

		ClientRegistrations.Registered listed = this.registrations
			.register(definition(List.of(TestClients.REDIRECT_URI), sector), owner(), "test");
		ClientRegistrations.Registered unlisted = this.registrations
			.register(definition(List.of("http://127.0.0.1:8080/elsewhere"), sector), owner(), "test");
		ClientRegistrations.Registered unreachable = this.registrations.register(
				definition(List.of(TestClients.REDIRECT_URI), sector.replace("sector.json", "missing.json")), owner(),
				"test");

		assertThat(listed.problems()).isEmpty();
		assertThat(LatchkeyClientSettings.of(listed.client()).pairwiseSubjects()).isTrue();
		assertThat(unlisted.problems()).extracting(ClientRules.Problem::messageKey)
			.containsExactly("client.sector.mismatch");
		assertThat(unreachable.problems()).extracting(ClientRules.Problem::messageKey)
			.containsExactly("client.sector.unreachable");
	}

	private ClientDefinition definition(List<String> redirectUris, String sectorIdentifierUri) {
		return new ClientDefinition("Pairwise app", ClientType.WEB, redirectUris, List.of(), null,
				Set.of("openid", "profile"), false, false, Duration.ofMinutes(5), Duration.ofHours(8),
				new ClientOptions(true, false, false, "RS256", true, sectorIdentifierUri, null, List.of(), false));
	}

	private UUID owner() {
		return UUID.fromString(this.accountId);
	}

	private RegisteredClient pairwise(RegisteredClient client, String sectorIdentifierUri) {
		ClientSettings.Builder settings = ClientSettings.withSettings(client.getClientSettings().getSettings());
		LatchkeyClientSettings.writeTo(settings).pairwiseSubjects(sectorIdentifierUri);
		RegisteredClient changed = RegisteredClient.from(client).clientSettings(settings.build()).build();
		this.clients.save(changed);
		return changed;
	}

	private TokenResponse signIn(RegisteredClient client) {
		Pkce pkce = Pkce.generate();
		String code = this.flows
			.code(this.flows.authorize(this.flows.authorizationUrl(client.getClientId(), "openid", pkce, Map.of())));
		return this.flows.exchangeCode(client.getClientId(), code, pkce.verifier());
	}

	private String idTokenSubject(RegisteredClient client) throws Exception {
		return SignedJWT.parse(signIn(client).get("id_token")).getJWTClaimsSet().getSubject();
	}

}
