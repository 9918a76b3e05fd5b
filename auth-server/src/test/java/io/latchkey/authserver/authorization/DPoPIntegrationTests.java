package io.latchkey.authserver.authorization;

import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.client.LatchkeyClientSettings;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.DPoPKey;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449): tokens bound to the client's key at the token endpoint (the library),
 * proofs required where they are due (ours), and our own userinfo endpoint taking
 * DPoP-bound tokens only with a matching proof.
 */
@AuthServerIntegrationTest
class DPoPIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets clientSecrets;

	String baseUrl;

	String tokenEndpoint;

	OAuthFlows flows;

	DPoPKey key;

	@BeforeEach
	void setUp() {
		this.baseUrl = "http://localhost:" + this.port;
		this.tokenEndpoint = this.baseUrl + "/oauth2/token";
		this.flows = new OAuthFlows(new HttpUserAgent(this.baseUrl));
		this.key = DPoPKey.generate();
	}

	@Test
	void tokenWhenProofSentThenTokenBoundToTheProofsKey() throws Exception {
		RegisteredClient service = TestClients.serviceClient(this.clients, this.clientSecrets);

		TokenResponse tokens = clientCredentials(service, Map.of("DPoP", this.key.proof("POST", this.tokenEndpoint)));

		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		assertThat(tokens.get("token_type")).isEqualTo("DPoP");
		Map<String, Object> cnf = SignedJWT.parse(tokens.get("access_token"))
			.getJWTClaimsSet()
			.getJSONObjectClaim("cnf");
		assertThat(cnf).containsEntry("jkt", this.key.thumbprint());
	}

	@Test
	void tokenWhenProofForAnotherMethodOrUrlOrReplayedThenInvalidDPoPProof() {
		RegisteredClient service = TestClients.serviceClient(this.clients, this.clientSecrets);
		String proof = this.key.proof("POST", this.tokenEndpoint);

		TokenResponse otherMethod = clientCredentials(service,
				Map.of("DPoP", this.key.proof("GET", this.tokenEndpoint)));
		TokenResponse otherUrl = clientCredentials(service,
				Map.of("DPoP", this.key.proof("POST", this.baseUrl + "/oauth2/introspect")));
		TokenResponse first = clientCredentials(service, Map.of("DPoP", proof));
		TokenResponse replayed = clientCredentials(service, Map.of("DPoP", proof));

		assertThat(otherMethod.status()).isEqualTo(400);
		assertThat(otherMethod.error()).isEqualTo("invalid_dpop_proof");
		assertThat(otherUrl.status()).isEqualTo(400);
		assertThat(otherUrl.error()).isEqualTo("invalid_dpop_proof");
		assertThat(first.status()).isEqualTo(200);
		assertThat(replayed.status()).isEqualTo(400);
		assertThat(replayed.error()).isEqualTo("invalid_dpop_proof");
	}

	@Test
	void tokenWhenProofSentAsFormFieldsThenInvalidRequest() {
		RegisteredClient service = TestClients.serviceClient(this.clients, this.clientSecrets);

		TokenResponse tokens = this.flows.tokenRequest(service.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "client_credentials", "dpop_proof", this.key.proof("GET", "https://elsewhere/"),
						"dpop_method", "GET", "dpop_target_uri", "https://elsewhere/"));

		assertThat(tokens.status()).isEqualTo(400);
		assertThat(tokens.error()).isEqualTo("invalid_request");
	}

	@Test
	void tokenWhenClientRequiresDPoPAndNoProofThenInvalidDPoPProof() {
		RegisteredClient service = TestClients.serviceClient(this.clients, this.clientSecrets);
		RegisteredClient requiring = RegisteredClient.from(service)
			.clientSettings(LatchkeyClientSettings
				.writeTo(ClientSettings.withSettings(service.getClientSettings().getSettings()))
				.requireDPoP(true)
				.and()
				.build())
			.build();
		this.clients.save(requiring);

		TokenResponse withoutProof = clientCredentials(requiring, Map.of());
		TokenResponse withProof = clientCredentials(requiring,
				Map.of("DPoP", this.key.proof("POST", this.tokenEndpoint)));

		assertThat(withoutProof.status()).isEqualTo(400);
		assertThat(withoutProof.error()).isEqualTo("invalid_dpop_proof");
		assertThat(withProof.status()).isEqualTo(200);
		assertThat(withProof.get("token_type")).isEqualTo("DPoP");
	}

	@Test
	void userInfoWhenBoundTokenThenOnlyWithAProofForThisRequest() {
		HttpUserAgent browser = new HttpUserAgent(this.baseUrl);
		OAuthFlows flows = new OAuthFlows(browser);
		RegisteredClient client = TestClients.webClient(this.clients, this.clientSecrets, false);
		Accounts.registerAndSignIn(browser);
		Pkce pkce = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid profile", pkce, Map.of())));
		TokenResponse tokens = flows.post(
				"/oauth2/token", client.getClientId(), TestClients.SECRET, Map.of("grant_type", "authorization_code",
						"code", code, "redirect_uri", TestClients.REDIRECT_URI, "code_verifier", pkce.verifier()),
				Map.of("DPoP", this.key.proof("POST", this.tokenEndpoint)));
		assertThat(tokens.get("token_type")).isEqualTo("DPoP");
		String accessToken = tokens.get("access_token");
		String userInfo = this.baseUrl + "/userinfo";

		TokenResponse withProof = flows.get("/userinfo",
				Map.of("Authorization", "DPoP " + accessToken, "DPoP", this.key.proof("GET", userInfo, accessToken)));
		TokenResponse asBearer = flows.getWithBearer("/userinfo", accessToken);
		TokenResponse withoutProof = flows.get("/userinfo", Map.of("Authorization", "DPoP " + accessToken));
		TokenResponse proofForPost = flows.get("/userinfo",
				Map.of("Authorization", "DPoP " + accessToken, "DPoP", this.key.proof("POST", userInfo, accessToken)));
		TokenResponse anotherKey = flows.get("/userinfo", Map.of("Authorization", "DPoP " + accessToken, "DPoP",
				DPoPKey.generate().proof("GET", userInfo, accessToken)));

		assertThat(withProof.status()).as(withProof.raw().body()).isEqualTo(200);
		assertThat(withProof.get("sub")).isNotBlank();
		assertThat(asBearer.status()).isEqualTo(401);
		assertThat(withoutProof.status()).isEqualTo(401);
		assertThat(proofForPost.status()).isEqualTo(401);
		assertThat(proofForPost.raw().header("WWW-Authenticate")).contains("invalid_dpop_proof");
		assertThat(anotherKey.status()).isEqualTo(401);
	}

	@Test
	void userInfoWhenProofsHtuHasAQueryOrFragmentThenItIsComparedWithoutThem() {
		HttpUserAgent browser = new HttpUserAgent(this.baseUrl);
		OAuthFlows flows = new OAuthFlows(browser);
		RegisteredClient client = TestClients.webClient(this.clients, this.clientSecrets, false);
		Accounts.registerAndSignIn(browser);
		Pkce pkce = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid profile", pkce, Map.of())));
		String accessToken = flows
			.post("/oauth2/token", client.getClientId(), TestClients.SECRET,
					Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", TestClients.REDIRECT_URI,
							"code_verifier", pkce.verifier()),
					Map.of("DPoP", this.key.proof("POST", this.tokenEndpoint)))
			.get("access_token");

		// RFC 9449 section 4.3 step 9: "ignoring any query and fragment parts"
		TokenResponse withQuery = flows.get("/userinfo", Map.of("Authorization", "DPoP " + accessToken, "DPoP",
				this.key.proof("GET", this.baseUrl + "/userinfo?schema=openid#claims", accessToken)));
		TokenResponse otherPath = flows.get("/userinfo", Map.of("Authorization", "DPoP " + accessToken, "DPoP",
				this.key.proof("GET", this.baseUrl + "/userinfo/other?schema=openid", accessToken)));

		assertThat(withQuery.status()).as(withQuery.raw().body()).isEqualTo(200);
		assertThat(otherPath.status()).isEqualTo(401);
	}

	@Test
	void tokenWhenAuthorizationRequestNamedDpopJktThenOnlyAProofOfThatKeyRedeemsTheCode() {
		HttpUserAgent browser = new HttpUserAgent(this.baseUrl);
		OAuthFlows flows = new OAuthFlows(browser);
		RegisteredClient client = TestClients.webClient(this.clients, this.clientSecrets, false);
		Accounts.registerAndSignIn(browser);
		Pkce pkce = Pkce.generate();
		String code = flows.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid", pkce,
				Map.of("dpop_jkt", this.key.thumbprint()))));
		Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
				TestClients.REDIRECT_URI, "code_verifier", pkce.verifier());

		// RFC 9449 section 10: the code is bound to the key dpop_jkt names
		TokenResponse otherKey = flows.post("/oauth2/token", client.getClientId(), TestClients.SECRET, exchange,
				Map.of("DPoP", DPoPKey.generate().proof("POST", this.tokenEndpoint)));
		TokenResponse noProof = flows.post("/oauth2/token", client.getClientId(), TestClients.SECRET, exchange);
		TokenResponse rightKey = flows.post("/oauth2/token", client.getClientId(), TestClients.SECRET, exchange,
				Map.of("DPoP", this.key.proof("POST", this.tokenEndpoint)));

		assertThat(otherKey.status()).isEqualTo(400);
		assertThat(otherKey.error()).isEqualTo("invalid_dpop_proof");
		assertThat(noProof.error()).isEqualTo("invalid_dpop_proof");
		assertThat(rightKey.status()).as(rightKey.raw().body()).isEqualTo(200);
		assertThat(rightKey.get("token_type")).isEqualTo("DPoP");
	}

	@Test
	void pushWhenDPoPProofSentThenTheCodeIsBoundToItsKey() {
		HttpUserAgent browser = new HttpUserAgent(this.baseUrl);
		OAuthFlows flows = new OAuthFlows(browser);
		RegisteredClient client = TestClients.webClient(this.clients, this.clientSecrets, false);
		Accounts.registerAndSignIn(browser);
		Pkce pkce = Pkce.generate();
		Map<String, String> pushed = new java.util.LinkedHashMap<>(Map.of("response_type", "code", "client_id",
				client.getClientId(), "redirect_uri", TestClients.REDIRECT_URI, "scope", "openid", "code_challenge",
				pkce.challenge(), "code_challenge_method", "S256"));
		String par = this.baseUrl + "/oauth2/par";

		// RFC 9449 section 10.1: a proof at the PAR endpoint binds like dpop_jkt
		Map<String, String> otherKeyNamed = new java.util.LinkedHashMap<>(pushed);
		otherKeyNamed.put("dpop_jkt", DPoPKey.generate().thumbprint());
		TokenResponse mismatch = flows.post("/oauth2/par", client.getClientId(), TestClients.SECRET, otherKeyNamed,
				Map.of("DPoP", this.key.proof("POST", par)));
		TokenResponse accepted = flows.post("/oauth2/par", client.getClientId(), TestClients.SECRET, pushed,
				Map.of("DPoP", this.key.proof("POST", par)));
		String code = flows.code(flows.authorize(this.baseUrl + "/oauth2/authorize?client_id=" + client.getClientId()
				+ "&request_uri="
				+ java.net.URLEncoder.encode(accepted.get("request_uri"), java.nio.charset.StandardCharsets.UTF_8)));
		Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
				TestClients.REDIRECT_URI, "code_verifier", pkce.verifier());
		TokenResponse otherKey = flows.post("/oauth2/token", client.getClientId(), TestClients.SECRET, exchange,
				Map.of("DPoP", DPoPKey.generate().proof("POST", this.tokenEndpoint)));
		TokenResponse rightKey = flows.post("/oauth2/token", client.getClientId(), TestClients.SECRET, exchange,
				Map.of("DPoP", this.key.proof("POST", this.tokenEndpoint)));

		assertThat(mismatch.status()).isEqualTo(400);
		assertThat(mismatch.error()).isEqualTo("invalid_dpop_proof");
		assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(201);
		assertThat(otherKey.error()).isEqualTo("invalid_dpop_proof");
		assertThat(rightKey.status()).as(rightKey.raw().body()).isEqualTo(200);
	}

	@Test
	void refreshWhenPublicClientsTokensAreBoundThenOnlyWithAProofOfTheSameKey() {
		RegisteredClient device = publicDeviceClient();
		HttpUserAgent browser = new HttpUserAgent(this.baseUrl);
		TokenResponse authorization = this.flows.post("/oauth2/device_authorization", null, null,
				Map.of("client_id", device.getClientId(), "scope", "messages.read"));
		Accounts.registerAndSignIn(browser);
		Response consent = browser
			.follow(browser.get("/oauth2/device_verification?user_code=" + authorization.get("user_code")));
		browser.follow(browser.submitForm(consent, "form#consent", Map.of("scope", "messages.read")));
		TokenResponse tokens = this.flows.post("/oauth2/token", null, null,
				Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code",
						authorization.get("device_code"), "client_id", device.getClientId()),
				Map.of("DPoP", this.key.proof("POST", this.tokenEndpoint)));
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		assertThat(tokens.get("token_type")).isEqualTo("DPoP");
		Map<String, String> refresh = Map.of("grant_type", "refresh_token", "refresh_token",
				tokens.get("refresh_token"), "client_id", device.getClientId());

		TokenResponse withoutProof = this.flows.post("/oauth2/token", null, null, refresh, Map.of());
		TokenResponse anotherKey = this.flows.post("/oauth2/token", null, null, refresh,
				Map.of("DPoP", DPoPKey.generate().proof("POST", this.tokenEndpoint)));
		TokenResponse sameKey = this.flows.post("/oauth2/token", null, null, refresh,
				Map.of("DPoP", this.key.proof("POST", this.tokenEndpoint)));

		assertThat(withoutProof.status()).isEqualTo(400);
		assertThat(withoutProof.error()).isEqualTo("invalid_dpop_proof");
		assertThat(anotherKey.status()).isEqualTo(400);
		assertThat(anotherKey.error()).isEqualTo("invalid_dpop_proof");
		assertThat(sameKey.status()).as(sameKey.raw().body()).isEqualTo(200);
		assertThat(sameKey.get("token_type")).isEqualTo("DPoP");
	}

	private TokenResponse clientCredentials(RegisteredClient client, Map<String, String> headers) {
		return this.flows.post("/oauth2/token", client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "client_credentials", "scope", "messages.read"), headers);
	}

	private RegisteredClient publicDeviceClient() {
		String id = UUID.randomUUID().toString();
		RegisteredClient client = RegisteredClient.withId(id)
			.clientId("tv-" + id.substring(0, 8))
			.clientName("Living room TV")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.scope("messages.read")
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(true).build())
			.build();
		this.clients.save(client);
		return client;
	}

}
