package io.latchkey.authserver.authorization;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.client.LatchkeyClientSettings;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
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
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request objects (JAR, RFC 9101): an authorization request signed by the client, by
 * value ({@code request}), by reference ({@code request_uri}) and pushed (RFC 9126), and
 * each way it is refused.
 */
@AuthServerIntegrationTest
class RequestObjectIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	String issuer;

	HttpUserAgent browser;

	OAuthFlows flows;

	HttpServer clientSite;

	/** What the client's site serves, by path. */
	Map<String, String> served = new ConcurrentHashMap<>();

	RSAKey clientKey;

	RegisteredClient client;

	Pkce pkce;

	@BeforeEach
	void setUp() throws Exception {
		this.issuer = "http://localhost:" + this.port;
		this.browser = new HttpUserAgent(this.issuer);
		this.flows = new OAuthFlows(this.browser);
		this.clientKey = new RSAKeyGenerator(2048).keyID("client-key").generate();
		this.clientSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.served.put("/jwks", new JWKSet(this.clientKey.toPublicJWK()).toString());
		this.clientSite.createContext("/", (exchange) -> {
			String body = this.served.get(exchange.getRequestURI().getPath());
			byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			exchange.sendResponseHeaders((body != null) ? 200 : 404, (bytes.length > 0) ? bytes.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.clientSite.start();
		RegisteredClient web = TestClients.webClient(this.clients, this.secrets, false);
		this.client = RegisteredClient.from(web)
			.clientSettings(LatchkeyClientSettings
				.writeTo(ClientSettings.withSettings(web.getClientSettings().getSettings())
					.jwkSetUrl(clientSiteUrl("/jwks")))
				.requestUris(List.of(clientSiteUrl("/request.jwt")))
				.and()
				.build())
			.build();
		this.clients.save(this.client);
		this.pkce = Pkce.generate();
		Accounts.registerAndSignIn(this.browser);
	}

	@AfterEach
	void tearDown() {
		this.clientSite.stop(0);
	}

	@Test
	void authorizeWhenSignedRequestObjectThenItIsTheRequestAndParametersOutsideAreIgnored() throws Exception {
		String requestObject = sign(requestClaims().build(), this.clientKey);

		Response redirect = this.flows.authorize(url(Map.of("request", requestObject, "state", "from-outside",
				"redirect_uri", TestClients.REDIRECT_URI, "scope", "openid email")));

		Map<String, String> answer = OAuthFlows.redirectParameters(redirect);
		assertThat(answer).containsEntry("state", "from-the-object").containsKey("code");
		TokenResponse tokens = this.flows.exchangeCode(this.client.getClientId(), answer.get("code"),
				this.pkce.verifier());
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "profile");
		assertThat(SignedJWT.parse(tokens.get("id_token")).getJWTClaimsSet().getStringClaim("nonce"))
			.isEqualTo("nonce-from-the-object");
	}

	@Test
	void authorizeWhenPostedWithOnlyARequestObjectThenItIsAnAuthorizationRequestNotAConsentDecision() throws Exception {
		String requestObject = sign(requestClaims().build(), this.clientKey);

		// OpenID Connect Core 3.1.2.1 (POST) with RFC 9101 section 5: no response_type
		// outside the object, and no CSRF token, which only our consent forms carry
		Response redirect = this.browser.postForm("/oauth2/authorize",
				Map.of("client_id", this.client.getClientId(), "request", requestObject));

		assertThat(OAuthFlows.redirectParameters(redirect)).containsEntry("state", "from-the-object")
			.containsKey("code");
	}

	@Test
	void authorizeWhenRequestObjectByRegisteredReferenceThenFetchedAndUsed() throws Exception {
		this.served.put("/request.jwt", sign(requestClaims().build(), this.clientKey));

		Response redirect = this.flows.authorize(url(Map.of("request_uri", clientSiteUrl("/request.jwt"))));

		assertThat(OAuthFlows.redirectParameters(redirect)).containsEntry("state", "from-the-object")
			.containsKey("code");
	}

	@Test
	void authorizeWhenRegisteredRequestUriCarriesAFragmentThenFetchedAndUsed() throws Exception {
		// OpenID Connect Registration 2: the fragment holds a hash of the content
		String withHash = clientSiteUrl("/request.jwt") + "#c2hhMjU2LW9mLXRoZS1jb250ZW50";
		this.clients.save(RegisteredClient.from(this.client)
			.clientSettings(LatchkeyClientSettings
				.writeTo(ClientSettings.withSettings(this.client.getClientSettings().getSettings()))
				.requestUris(List.of(withHash))
				.and()
				.build())
			.build());
		this.served.put("/request.jwt", sign(requestClaims().build(), this.clientKey));

		Response redirect = this.flows.authorize(url(Map.of("request_uri", withHash)));

		assertThat(OAuthFlows.redirectParameters(redirect)).containsEntry("state", "from-the-object")
			.containsKey("code");
	}

	@Test
	void authorizeWhenRequestUriNotRegisteredThenInvalidRequestUri() throws Exception {
		this.served.put("/other.jwt", sign(requestClaims().build(), this.clientKey));

		Response redirect = this.flows.authorize(url(Map.of("request_uri", clientSiteUrl("/other.jwt"), "redirect_uri",
				TestClients.REDIRECT_URI, "state", "s1")));

		assertThat(OAuthFlows.redirectParameters(redirect)).containsEntry("error", "invalid_request_uri")
			.containsEntry("state", "s1")
			.containsEntry("iss", this.issuer);
	}

	@Test
	void authorizeWhenRequestObjectNotSignedByTheClientThenInvalidRequestObject() throws Exception {
		RSAKey stranger = new RSAKeyGenerator(2048).keyID("client-key").generate();
		Instant past = Instant.now().minusSeconds(600);
		List<String> refused = List.of(sign(requestClaims().build(), stranger),
				new PlainJWT(new PlainHeader(), requestClaims().build()).serialize(),
				sign(requestClaims().audience("https://another-server.example").build(), this.clientKey),
				sign(requestClaims().issuer("someone-else").build(), this.clientKey),
				sign(requestClaims().expirationTime(Date.from(past)).build(), this.clientKey),
				sign(requestClaims().claim("client_id", "another-client").build(), this.clientKey));

		for (String requestObject : refused) {
			Response redirect = this.flows.authorize(
					url(Map.of("request", requestObject, "redirect_uri", TestClients.REDIRECT_URI, "state", "s2")));
			assertThat(OAuthFlows.redirectParameters(redirect)).containsEntry("error", "invalid_request_object")
				.containsEntry("state", "s2");
		}
	}

	@Test
	void authorizeWhenRequestObjectRefusedAndNoRegisteredRedirectUriThenErrorStaysOnOurPage() throws Exception {
		String forged = sign(requestClaims().build(), new RSAKeyGenerator(2048).generate());

		Response withoutRedirect = this.flows.authorize(url(Map.of("request", forged)));
		Response foreignRedirect = this.flows
			.authorize(url(Map.of("request", forged, "redirect_uri", "https://attacker.example/cb")));

		assertThat(withoutRedirect.status()).isEqualTo(400);
		assertThat(foreignRedirect.status()).isEqualTo(400);
		assertThat(foreignRedirect.location()).isNull();
	}

	@Test
	void pushWhenRequestObjectThenPushedAndRedeemed() throws Exception {
		TokenResponse pushed = this.flows.post("/oauth2/par", this.client.getClientId(), TestClients.SECRET, Map
			.of("client_id", this.client.getClientId(), "request", sign(requestClaims().build(), this.clientKey)));
		TokenResponse forged = this.flows.post("/oauth2/par", this.client.getClientId(), TestClients.SECRET,
				Map.of("client_id", this.client.getClientId(), "request",
						sign(requestClaims().build(), new RSAKeyGenerator(2048).generate())));

		assertThat(pushed.status()).as(pushed.raw().body()).isEqualTo(201);
		Response redirect = this.flows.authorize(url(Map.of("request_uri", pushed.get("request_uri"))));
		assertThat(OAuthFlows.redirectParameters(redirect)).containsEntry("state", "from-the-object")
			.containsKey("code");
		assertThat(forged.status()).isEqualTo(400);
		assertThat(forged.error()).isEqualTo("invalid_request_object");
	}

	@Test
	void discoveryWhenFetchedThenRequestObjectsAdvertised() {
		TokenResponse configuration = this.flows.get("/.well-known/openid-configuration", Map.of());

		assertThat(configuration.body()).containsEntry("request_parameter_supported", true)
			.containsEntry("request_uri_parameter_supported", true)
			.containsEntry("require_request_uri_registration", true);
	}

	private JWTClaimsSet.Builder requestClaims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(this.client.getClientId())
			.audience(this.issuer)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim("response_type", "code")
			.claim("client_id", this.client.getClientId())
			.claim("redirect_uri", TestClients.REDIRECT_URI)
			.claim("scope", "openid profile")
			.claim("state", "from-the-object")
			.claim("nonce", "nonce-from-the-object")
			.claim("code_challenge", this.pkce.challenge())
			.claim("code_challenge_method", "S256");
	}

	private String url(Map<String, String> parameters) {
		UriComponentsBuilder url = UriComponentsBuilder.fromUriString(this.issuer + "/oauth2/authorize")
			.queryParam("client_id", this.client.getClientId());
		parameters.forEach(url::queryParam);
		return url.encode().build().toUriString();
	}

	private String clientSiteUrl(String path) {
		return "http://127.0.0.1:" + this.clientSite.getAddress().getPort() + path;
	}

	private static String sign(JWTClaimsSet claims, RSAKey key) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
