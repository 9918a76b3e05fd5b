package io.latchkey.authserver.authorization;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.authserver.client.ClientDefinition;
import io.latchkey.authserver.client.ClientOptions;
import io.latchkey.authserver.client.ClientRules;
import io.latchkey.authserver.client.ClientType;
import io.latchkey.authserver.client.LatchkeyClientSettings;
import io.latchkey.authserver.client.RegisteredClients;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery is a contract (OpenID Connect Discovery 1.0 section 3, RFC 8414 section 2):
 * each statement is read from the document and tried against the server, so the two
 * cannot drift apart. A method, scope or claim advertised without a check here fails the
 * test.
 */
class DiscoveryContractIntegrationTests extends CodeFlowIntegrationTestSupport {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	@Autowired
	ClientRules clientRules;

	@Test
	void clientAuthenticationWhenEachAdvertisedMethodIsUsedThenTheClientIsAuthenticatedWhereAdvertised()
			throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("contract").generate();
		RegisteredClient keyed = keyedClient(key);
		// the confidential methods, at the token, introspection and revocation endpoints
		Map<String, Function<String, TokenResponse>> confidential = new LinkedHashMap<>();
		confidential.put("client_secret_basic",
				(path) -> this.flows.post(path, this.client.getClientId(), TestClients.SECRET, form(path, Map.of())));
		confidential.put("client_secret_post", (path) -> this.flows.post(path, null, null,
				form(path, Map.of("client_id", this.client.getClientId(), "client_secret", TestClients.SECRET))));
		confidential.put("private_key_jwt", (path) -> this.flows.post(path, null, null,
				form(path, Map.of("client_assertion_type", JWT_BEARER, "client_assertion", assertion(keyed, key)))));
		Map<String, String> endpoints = Map.of("token_endpoint_auth_methods_supported", "/oauth2/token",
				"introspection_endpoint_auth_methods_supported", "/oauth2/introspect",
				"revocation_endpoint_auth_methods_supported", "/oauth2/revoke");

		Map<String, Object> metadata = discovery();

		endpoints.forEach((advertisedAt, path) -> {
			List<String> advertised = new java.util.ArrayList<>(list(metadata.get(advertisedAt)));
			if (path.equals("/oauth2/token")) {
				// a public client identifies itself and proves the code with PKCE
				assertThat(advertised.remove("none")).as(advertisedAt).isTrue();
				TokenResponse exchanged = exchangeAsPublicClient(publicClient());
				assertThat(exchanged.status()).as("none: " + exchanged.raw().body()).isEqualTo(200);
			}
			assertThat(advertised).as(advertisedAt).containsExactlyInAnyOrderElementsOf(confidential.keySet());
			for (String method : advertised) {
				TokenResponse response = confidential.get(method).apply(path);
				// authenticated: the request gets past the client, to the grant or token
				assertThat(response.status()).as(method + " at " + path + ": " + response.raw().body())
					.isNotEqualTo(401);
				assertThat(response.error()).as(method + " at " + path).isNotEqualTo("invalid_client");
			}
		});
		assertThat(metadata).doesNotContainKey("tls_client_certificate_bound_access_tokens");
	}

	/** A request for the endpoint that needs nothing but an authenticated client. */
	private static Map<String, String> form(String path, Map<String, String> authentication) {
		Map<String, String> form = new LinkedHashMap<>(authentication);
		if (path.equals("/oauth2/token")) {
			// the grant is refused (invalid_grant) only once the client is authenticated
			form.put("grant_type", "refresh_token");
			form.put("refresh_token", "unknown");
		}
		else {
			form.put("token", "unknown");
		}
		return form;
	}

	@Test
	void authorizeWhenEveryAdvertisedScopeIsAskedForThenEveryOneIsGranted() {
		List<String> advertised = list(discovery().get("scopes_supported"));
		assertThat(advertised).containsExactlyInAnyOrderElementsOf(this.clientRules.allowedScopes())
			.contains("openid", "profile", "email", "roles", "offline_access", "messages.read", "messages.write");
		RegisteredClient everything = client(ClientType.WEB, new LinkedHashSet<>(advertised));
		Pkce pkce = Pkce.generate();

		Response consent = this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(everything.getClientId(), String.join(" ", advertised), pkce, Map.of()),
				this.username);
		// offline_access is always consented to (OpenID Connect Core 11)
		String code = this.flows.code(this.browser.submitFormAsBrowser(consent, "form#consent"));
		TokenResponse tokens = this.flows.exchangeCode(everything.getClientId(), code, pkce.verifier());

		assertThat(tokens.get("scope").split(" ")).containsExactlyInAnyOrderElementsOf(advertised);
	}

	@Test
	void tokensWhenEveryScopeIsGrantedThenEveryClaimTheyCarryIsAdvertised() throws Exception {
		Set<String> advertised = new LinkedHashSet<>(list(discovery().get("claims_supported")));
		RegisteredClient everything = client(ClientType.WEB, Set.of("openid", "profile", "email", "roles"));
		Pkce pkce = Pkce.generate();
		String code = this.flows
			.code(this.flows.authorizeSigningIn(
					this.flows.authorizationUrl(everything.getClientId(), "openid profile email roles", pkce,
							Map.of("acr_values", list(discovery().get("acr_values_supported")).get(0))),
					this.username));
		TokenResponse tokens = this.flows.exchangeCode(everything.getClientId(), code, pkce.verifier());

		JWTClaimsSet idToken = SignedJWT.parse(tokens.get("id_token")).getJWTClaimsSet();
		Set<String> issued = new LinkedHashSet<>(idToken.getClaims().keySet());
		issued.addAll(this.flows.getWithBearer("/userinfo", tokens.get("access_token")).body().keySet());
		// jti only identifies the token itself; Discovery lists claims about the sign-in
		// and the person
		issued.remove("jti");

		assertThat(advertised).containsAll(issued);
		assertThat(idToken.getStringClaim("acr")).isEqualTo(list(discovery().get("acr_values_supported")).get(0));
		assertThat(list(discovery().get("claim_types_supported"))).containsExactly("normal");
	}

	@Test
	void tokenEndpointWhenEachAdvertisedGrantTypeIsSentThenItIsKnown() {
		for (String grantType : list(discovery().get("grant_types_supported"))) {
			TokenResponse response = this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET,
					Map.of("grant_type", grantType));

			assertThat(response.error()).as(grantType).isNotEqualTo("unsupported_grant_type");
		}
		assertThat(
				this.flows.tokenRequest(this.client.getClientId(), TestClients.SECRET, Map.of("grant_type", "password"))
					.error())
			.isEqualTo("unsupported_grant_type");
	}

	@Test
	void discoveryWhenReadThenTheFlowsAndFeaturesItNamesAreThoseWeOffer() {
		Map<String, Object> metadata = discovery();

		assertThat(list(metadata.get("response_types_supported"))).containsExactly("code");
		assertThat(list(metadata.get("response_modes_supported"))).containsExactly("query");
		assertThat(list(metadata.get("subject_types_supported"))).containsExactly("public", "pairwise");
		assertThat(list(metadata.get("token_endpoint_auth_signing_alg_values_supported")))
			.containsExactlyInAnyOrder("RS256", "PS256", "ES256");
		assertThat(metadata).containsEntry("backchannel_logout_supported", true)
			.containsEntry("backchannel_logout_session_supported", true)
			.containsEntry("claims_parameter_supported", true);
		// the same statements in RFC 8414's document
		Map<String, Object> authorizationServer = json(
				this.browser.get("/.well-known/oauth-authorization-server").body());
		for (String shared : List.of("scopes_supported", "token_endpoint_auth_methods_supported",
				"response_types_supported", "grant_types_supported", "code_challenge_methods_supported")) {
			assertThat(authorizationServer.get(shared)).as(shared).isEqualTo(metadata.get(shared));
		}
	}

	private Map<String, Object> discovery() {
		return json(this.browser.get("/.well-known/openid-configuration").body());
	}

	private TokenResponse exchangeAsPublicClient(RegisteredClient publicClient) {
		Pkce pkce = Pkce.generate();
		String code = this.flows.code(this.flows.authorizeSigningIn(
				this.flows.authorizationUrl(publicClient.getClientId(), "openid", pkce, Map.of()), this.username));
		return this.flows.post("/oauth2/token", null, null,
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", TestClients.REDIRECT_URI,
						"code_verifier", pkce.verifier(), "client_id", publicClient.getClientId()));
	}

	private RegisteredClient publicClient() {
		return client(ClientType.PUBLIC, Set.of("openid"));
	}

	private RegisteredClient client(ClientType type, Set<String> scopes) {
		String id = UUID.randomUUID().toString();
		ClientDefinition definition = new ClientDefinition("Contract app", type, List.of(TestClients.REDIRECT_URI),
				List.of(), null, scopes, false, false, Duration.ofMinutes(5), Duration.ofHours(8));
		String secret = (type == ClientType.PUBLIC) ? null : this.clientSecrets.encode(id, TestClients.SECRET);
		RegisteredClient client = RegisteredClients.build(id, "contract-" + id.substring(0, 8), definition, secret,
				Duration.ofMinutes(1), false);
		this.clients.save(client);
		return client;
	}

	private RegisteredClient keyedClient(RSAKey key) {
		String id = UUID.randomUUID().toString();
		ClientDefinition definition = new ClientDefinition("Contract service", ClientType.SERVICE, List.of(), List.of(),
				null, Set.of("messages.read"), false, false, Duration.ofMinutes(5), Duration.ofHours(8),
				new ClientOptions(true, false, false, "RS256", false, null, null, List.of(), false, null, null, null,
						ClientOptions.PRIVATE_KEY_JWT, true));
		RegisteredClient built = RegisteredClients.build(id, "contract-keyed-" + id.substring(0, 8), definition, null,
				Duration.ofMinutes(1), false);
		RegisteredClient client = RegisteredClient.from(built)
			.clientSettings(
					LatchkeyClientSettings.writeTo(ClientSettings.withSettings(built.getClientSettings().getSettings()))
						.jwks(new JWKSet(key.toPublicJWK()).toString())
						.and()
						.build())
			.build();
		this.clients.save(client);
		return client;
	}

	private String assertion(RegisteredClient client, RSAKey key) {
		try {
			Instant now = Instant.now();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					new JWTClaimsSet.Builder().issuer(client.getClientId())
						.subject(client.getClientId())
						.audience(this.issuer)
						.issueTime(Date.from(now))
						.expirationTime(Date.from(now.plusSeconds(60)))
						.jwtID(UUID.randomUUID().toString())
						.build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(String body) {
		return json.readValue(body, Map.class);
	}

	@SuppressWarnings("unchecked")
	private static List<String> list(Object value) {
		return (List<String>) value;
	}

}
