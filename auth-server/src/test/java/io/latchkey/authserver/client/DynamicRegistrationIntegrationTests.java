package io.latchkey.authserver.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.latchkey.authserver.account.AccountAdministration;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AtOnce;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect Dynamic Client Registration with initial access tokens from the portal.
 */
@AuthServerIntegrationTest
class DynamicRegistrationIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	AccountAdministration administration;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	HttpUserAgent developer;

	@BeforeEach
	void setUp() {
		this.developer = new HttpUserAgent("http://localhost:" + this.port);
		String username = Accounts.newUsername();
		Accounts.register(this.developer, username);
		UUID id = this.accounts.findByUsername(username).orElseThrow().getId();
		this.administration.setRolesAndGroups(id, Set.of("developer"), Set.of(), "test");
		this.developer.follow(Accounts.signIn(this.developer, username, Accounts.PASSWORD));
	}

	@Test
	void registerWhenNoOrForgedInitialAccessTokenThenUnauthorized() {
		assertThat(register(null, metadata(TestClients.REDIRECT_URI)).status()).isEqualTo(401);
		assertThat(register("not.a.token", metadata(TestClients.REDIRECT_URI)).status()).isEqualTo(401);
	}

	@Test
	void registerWhenInitialAccessTokenValidThenClientCompletesCodeFlowAndCanReadItself() {
		Response registered = register(initialAccessToken(), metadata(TestClients.REDIRECT_URI));

		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		Map<String, Object> client = read(registered.body());
		String clientId = (String) client.get("client_id");
		String secret = (String) client.get("client_secret");
		assertThat(secret).isNotBlank();

		HttpUserAgent user = new HttpUserAgent(this.developer.baseUrl());
		Accounts.registerAndSignIn(user);
		OAuthFlows flows = new OAuthFlows(user);
		Pkce pkce = Pkce.generate();
		Response consent = flows.authorize(flows.authorizationUrl(clientId, "openid profile", pkce, Map.of()));
		Response redirect = user.submitForm(consent, "form#consent", Map.of("scope", "profile"));
		TokenResponse tokens = flows.tokenRequest(clientId, secret, Map.of("grant_type", "authorization_code", "code",
				flows.code(redirect), "redirect_uri", TestClients.REDIRECT_URI, "code_verifier", pkce.verifier()));
		assertThat(tokens.status()).isEqualTo(200);
		// its refresh tokens rotate like every other client's
		TokenResponse refreshed = flows.tokenRequest(clientId, secret,
				Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token")));
		assertThat(refreshed.get("refresh_token")).isNotBlank().isNotEqualTo(tokens.get("refresh_token"));

		Response readBack = this.developer
			.send(HttpRequest.newBuilder(URI.create((String) client.get("registration_client_uri")))
				.header("Authorization", "Bearer " + client.get("registration_access_token"))
				.header("Accept", "application/json")
				.GET());
		assertThat(readBack.status()).isEqualTo(200);
		assertThat(read(readBack.body())).containsEntry("client_id", clientId);
		assertThat(this.developer.get("/developer/clients").document().select(".client-link").eachText())
			.contains("Registered by code");
	}

	@Test
	void registerWhenOneInitialAccessTokenIsPresentedByRequestsAtOnceThenOneClientIsRegistered() {
		String token = initialAccessToken();
		long before = this.jdbc.sql("select count(*) from oauth2_registered_client").query(Long.class).single();

		List<Integer> statuses = AtOnce.run(6, () -> register(token, metadata(TestClients.REDIRECT_URI)).status());

		assertThat(statuses).filteredOn((status) -> status == 201).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status != 201).containsOnly(401);
		assertThat(this.jdbc.sql("select count(*) from oauth2_registered_client").query(Long.class).single())
			.isEqualTo(before + 1);
	}

	@Test
	void registerWhenAGrantOrResponseTypeIsBlankOrUnknownThenInvalidClientMetadata() {
		// RFC 7591 section 3.2.2 (a blank grant type ended in the library's
		// invalid_request)
		for (Map.Entry<String, List<String>> wrong : List.of(Map.entry("grant_types", List.of(" ", "Basic")),
				Map.entry("grant_types", List.of("password")), Map.entry("response_types", List.of("token")))) {
			Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
			metadata.put(wrong.getKey(), wrong.getValue());

			Response refused = register(initialAccessToken(), metadata);

			assertThat(refused.status()).as(wrong.toString()).isEqualTo(400);
			assertThat(read(refused.body())).as(wrong.toString())
				.containsEntry("error", "invalid_client_metadata")
				.containsEntry("error_description", "The value of " + wrong.getKey() + " is not of its kind.");
		}
	}

	@Test
	void registerWhenTheMetadataHoldsANulCharacterThenInvalidClientMetadataWithoutSql() {
		Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
		metadata.put("grant_types", Map.of("a\u0000b", "authorization_code"));

		Response refused = register(initialAccessToken(), metadata);

		// RFC 7591 section 3.2.2; the failed save answered invalid_request with the SQL
		assertThat(refused.status()).isEqualTo(400);
		assertThat(read(refused.body())).containsEntry("error", "invalid_client_metadata");
		assertThat(refused.body()).doesNotContain("SQL", "Exception");
	}

	@Test
	void registerWhenInitialAccessTokenUsedTwiceThenRefusedTheSecondTime() {
		String token = initialAccessToken();
		assertThat(register(token, metadata(TestClients.REDIRECT_URI)).status()).isEqualTo(201);

		assertThat(register(token, metadata(TestClients.REDIRECT_URI)).status()).isEqualTo(401);
	}

	@Test
	void registerWhenRedirectUriBreaksTheRulesThenInvalidRedirectUri() {
		for (String uri : List.of("http://app.example.com/cb", "https://app.example.com/cb#f",
				"https://*.example.com/cb")) {
			Response refused = register(initialAccessToken(), metadata(uri));

			assertThat(refused.status()).as(uri).isEqualTo(400);
			assertThat(read(refused.body())).as(uri)
				.containsEntry("error", "invalid_redirect_uri")
				.containsEntry("error_description", "redirect_uris: " + uri
						+ " is not allowed: use an absolute https URI without fragment or wildcard, http only on"
						+ " 127.0.0.1, [::1] or localhost, or (native apps) a private-use scheme such as"
						+ " com.example.app:/callback.");
		}
	}

	@Test
	void registerWhenScopeUnknownThenInvalidClientMetadata() {
		Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
		metadata.put("scope", "openid everything");

		Response refused = register(initialAccessToken(), metadata);

		assertThat(refused.status()).isEqualTo(400);
		// a sentence for the developer (RFC 7591 section 3.2.2), not a message key
		assertThat(read(refused.body())).containsEntry("error", "invalid_client_metadata")
			.containsEntry("error_description", "scope: There is no scope everything.");
	}

	@Test
	void registerWhenScopeOmittedThenTheDocumentedDefaultAndPeopleSignIn() {
		Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
		metadata.remove("scope");

		Response registered = register(initialAccessToken(), metadata);

		// scope is optional (RFC 7591 section 2): openid and the standard scopes
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		Map<String, Object> client = read(registered.body());
		assertThat(((String) client.get("scope")).split(" ")).containsExactlyInAnyOrder("openid", "profile", "email");
		HttpUserAgent user = new HttpUserAgent(this.developer.baseUrl());
		Accounts.registerAndSignIn(user);
		OAuthFlows flows = new OAuthFlows(user);
		Response consent = flows.authorize(
				flows.authorizationUrl((String) client.get("client_id"), "openid email", Pkce.generate(), Map.of()));
		Response redirect = user.submitFormAsBrowser(consent, "form#consent");
		assertThat(OAuthFlows.redirectParameters(redirect)).containsKey("code");
	}

	@Test
	void registerWhenOptionHasAValueOfTheWrongKindThenInvalidClientMetadataAndNothingStored() {
		for (Map.Entry<String, Object> wrong : List.<Map.Entry<String, Object>>of(Map.entry("subject_type", "secret"),
				Map.entry("request_uris", "https://app.example.com/request.jwt"),
				Map.entry("dpop_bound_access_tokens", "yes"))) {
			Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
			metadata.put(wrong.getKey(), wrong.getValue());

			Response refused = register(initialAccessToken(), metadata);

			assertThat(refused.status()).as(wrong.getKey()).isEqualTo(400);
			assertThat(read(refused.body())).containsEntry("error", "invalid_client_metadata");
		}
		assertThat(this.developer.get("/developer/clients").document().select(".client-link")).isEmpty();
	}

	@Test
	void registerWhenRequestUrisCarryAFragmentThenAccepted() {
		// OpenID Connect Registration 2: "the URI fragment" may hold the content's hash
		Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
		metadata.put("jwks_uri", "https://app.example.com/jwks");
		metadata.put("request_uris", List.of("https://app.example.com/request.jwt#Gx4oT2hhc2g"));

		Response registered = register(initialAccessToken(), metadata);

		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		assertThat(read(registered.body())).containsEntry("request_uris",
				List.of("https://app.example.com/request.jwt#Gx4oT2hhc2g"));
	}

	@Test
	void registerWhenIdTokenAlgorithmES256ThenIdTokensAreSignedWithIt() throws Exception {
		Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
		metadata.put("id_token_signed_response_alg", "ES256");

		Map<String, Object> client = read(register(initialAccessToken(), metadata).body());

		// OpenID Connect Registration 2: the algorithm "REQUIRED for signing the ID
		// Token"
		assertThat(client).containsEntry("id_token_signed_response_alg", "ES256");
		HttpUserAgent user = new HttpUserAgent(this.developer.baseUrl());
		Accounts.registerAndSignIn(user);
		OAuthFlows flows = new OAuthFlows(user);
		Pkce pkce = Pkce.generate();
		Response redirect = flows
			.authorize(flows.authorizationUrl((String) client.get("client_id"), "openid", pkce, Map.of()));
		TokenResponse tokens = flows.tokenRequest((String) client.get("client_id"),
				(String) client.get("client_secret"),
				Map.of("grant_type", "authorization_code", "code", flows.code(redirect), "redirect_uri",
						TestClients.REDIRECT_URI, "code_verifier", pkce.verifier()));
		assertThat(com.nimbusds.jwt.SignedJWT.parse(tokens.get("id_token")).getHeader().getAlgorithm().getName())
			.isEqualTo("ES256");
	}

	@Test
	void configurationWhenRegistrationAccessTokenIsOlderThanAnyAccessTokenThenItStillWorks() {
		Map<String, Object> client = read(register(initialAccessToken(), metadata(TestClients.REDIRECT_URI)).body());
		String token = (String) client.get("registration_access_token");

		// RFC 7592 section 1: the developer uses it "to manage the registration" later,
		// so it lives as long as the client, not as long as an access token, and it
		// does not depend on a signing key that retires
		assertThat(token.split("\\.")).as("a value looked up, not a JWT").hasSize(1);
		java.time.Instant expiresAt = this.jdbc
			.sql("select access_token_expires_at from oauth2_authorization where principal_name = ?")
			.param(client.get("client_id"))
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		assertThat(expiresAt).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(3650)));
		Response readBack = withToken(token,
				HttpRequest.newBuilder(URI.create((String) client.get("registration_client_uri"))).GET());
		assertThat(readBack.status()).as(readBack.body()).isEqualTo(200);
		assertThat(read(readBack.body())).containsEntry("client_id", client.get("client_id"))
			.doesNotContainKey("registration_access_token");
	}

	@Test
	void registerWhenLogoPolicyAndTermsGivenThenStoredReturnedAndShownOnTheConsentPage() {
		Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
		metadata.put("logo_uri", "https://cdn.app.example.com/logo.png");
		metadata.put("policy_uri", "https://app.example.com/privacy");
		metadata.put("tos_uri", "https://app.example.com/terms");

		Map<String, Object> client = read(register(initialAccessToken(), metadata).body());

		// RFC 7591 section 2: shown to the person during authorization
		assertThat(client).containsEntry("logo_uri", "https://cdn.app.example.com/logo.png")
			.containsEntry("policy_uri", "https://app.example.com/privacy")
			.containsEntry("tos_uri", "https://app.example.com/terms");
		HttpUserAgent user = new HttpUserAgent(this.developer.baseUrl());
		Accounts.registerAndSignIn(user);
		OAuthFlows flows = new OAuthFlows(user);
		Response consent = flows.authorize(
				flows.authorizationUrl((String) client.get("client_id"), "openid profile", Pkce.generate(), Map.of()));
		assertThat(consent.document().select("#client-logo").attr("src"))
			.isEqualTo("https://cdn.app.example.com/logo.png");
		assertThat(consent.document().select("#client-policy").attr("href"))
			.isEqualTo("https://app.example.com/privacy");
		assertThat(consent.document().select("#client-terms").attr("href")).isEqualTo("https://app.example.com/terms");
		assertThat(consent.header("Content-Security-Policy"))
			.contains("img-src 'self' data: https://cdn.app.example.com;");
	}

	@Test
	void registerWhenLogoIsNotAnHttpsUriThenInvalidClientMetadata() {
		Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
		metadata.put("logo_uri", "javascript:alert(1)");

		Response refused = register(initialAccessToken(), metadata);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(read(refused.body())).containsEntry("error", "invalid_client_metadata");
	}

	@Test
	void registerWhenPrivateKeyJwtWithKeysByValueThenTheClientAuthenticatesWithThem() throws Exception {
		com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(
				com.nimbusds.jose.jwk.Curve.P_256)
			.keyID("by-value")
			.generate();
		Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
		metadata.put("token_endpoint_auth_method", "private_key_jwt");
		metadata.put("jwks", new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toJSONObject());

		Response registered = register(initialAccessToken(), metadata);

		// RFC 7591 section 2: jwks, the client's keys by value
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		Map<String, Object> client = read(registered.body());
		assertThat(client).containsKey("jwks").doesNotContainKey("jwks_uri").doesNotContainKey("client_secret");
		String clientId = (String) client.get("client_id");
		java.time.Instant now = java.time.Instant.now();
		com.nimbusds.jwt.SignedJWT assertion = new com.nimbusds.jwt.SignedJWT(
				new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES256).keyID("by-value").build(),
				new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(clientId)
					.subject(clientId)
					.audience(this.developer.baseUrl())
					.issueTime(java.util.Date.from(now))
					.expirationTime(java.util.Date.from(now.plusSeconds(60)))
					.jwtID(UUID.randomUUID().toString())
					.build());
		assertion.sign(new com.nimbusds.jose.crypto.ECDSASigner(key));
		// a pushed authorization request (RFC 9126) authenticates the client like the
		// token endpoint
		TokenResponse pushed = new OAuthFlows(new HttpUserAgent(this.developer.baseUrl())).post("/oauth2/par", null,
				null,
				Map.of("client_id", clientId, "response_type", "code", "redirect_uri", TestClients.REDIRECT_URI,
						"scope", "openid", "code_challenge", Pkce.generate().challenge(), "code_challenge_method",
						"S256", "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
						"client_assertion", assertion.serialize()));
		assertThat(pushed.status()).as(pushed.raw().body()).isEqualTo(201);
	}

	@Test
	void registerWhenAuthenticationMethodIsNotOfferedThenInvalidClientMetadataWithTheReason() {
		for (String method : List.of("client_secret_jwt", "tls_client_auth", "self_signed_tls_client_auth")) {
			Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
			metadata.put("token_endpoint_auth_method", method);

			Response refused = register(initialAccessToken(), metadata);

			assertThat(refused.status()).as(method).isEqualTo(400);
			assertThat(read(refused.body())).as(method)
				.containsEntry("error", "invalid_client_metadata")
				.extractingByKey("error_description")
				.asString()
				.startsWith("token_endpoint_auth_method: " + method + " is not offered");
		}
	}

	@Test
	void registerWhenKeysGivenBothWaysThenInvalidClientMetadata() throws Exception {
		Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
		metadata.put("jwks_uri", "https://app.example.com/jwks");
		metadata.put("jwks",
				new com.nimbusds.jose.jwk.JWKSet(
						new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate()
							.toPublicJWK())
					.toJSONObject());

		Response refused = register(initialAccessToken(), metadata);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(read(refused.body())).containsEntry("error", "invalid_client_metadata");
	}

	@Test
	void registerWhenRotationDeclinedThenOnlyAConfidentialClientGetsIt() {
		Map<String, Object> confidential = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
		confidential.put("rotate_refresh_tokens", false);
		Map<String, Object> publicClient = new java.util.HashMap<>(confidential);
		publicClient.put("token_endpoint_auth_method", "none");

		assertThat(read(register(initialAccessToken(), confidential).body())).containsEntry("rotate_refresh_tokens",
				false);
		assertThat(read(register(initialAccessToken(), publicClient).body()))
			.as("a public client without DPoP always rotates")
			.containsEntry("rotate_refresh_tokens", true);
		assertThat(read(register(initialAccessToken(), metadata(TestClients.REDIRECT_URI)).body()))
			.containsEntry("rotate_refresh_tokens", true);
	}

	@Test
	void configurationWhenUpdateHasNullOrWrongValuesThenInvalidClientMetadataNot500() {
		Map<String, Object> client = read(register(initialAccessToken(), metadata(TestClients.REDIRECT_URI)).body());
		String uri = (String) client.get("registration_client_uri");
		String token = (String) client.get("registration_access_token");

		// RFC 7592 section 2.2 with RFC 7591 section 3.2.2: bad metadata is
		// invalid_client_metadata (or invalid_redirect_uri), with a sentence
		for (String body : List.of("{\"client_id\":null,\"redirect_uris\":[\"" + TestClients.REDIRECT_URI + "\"]}",
				"{\"client_id\":\"" + client.get("client_id") + "\",\"redirect_uris\":null}",
				"{\"client_id\":\"" + client.get("client_id") + "\",\"redirect_uris\":\"not a list\"}", "[]",
				"not json")) {
			Response refused = withToken(token,
					HttpRequest.newBuilder(URI.create(uri))
						.header("Content-Type", "application/json")
						.PUT(HttpRequest.BodyPublishers.ofString(body)));

			assertThat(refused.status()).as(body).isEqualTo(400);
			assertThat(read(refused.body())).as(body)
				.containsEntry("error", "invalid_client_metadata")
				.containsKey("error_description");
		}
	}

	@Test
	void registerWhenSilentOnPkceThenTheServerDefaultRequiresIt() {
		Map<String, Object> client = read(register(initialAccessToken(), metadata(TestClients.REDIRECT_URI)).body());

		assertThat(client).containsEntry("require_pkce", true);
		Response refused = signInWithoutPkce((String) client.get("client_id"));
		assertThat(OAuthFlows.redirectParameters(refused)).containsEntry("error", "invalid_request")
			.doesNotContainKey("code");
	}

	@Test
	void registerWhenConfidentialClientOptsOutOfPkceThenItSignsPeopleInWithoutIt() {
		Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
		metadata.put("require_pkce", false);

		Map<String, Object> client = read(register(initialAccessToken(), metadata).body());

		assertThat(client).containsEntry("require_pkce", false);
		Response redirect = signInWithoutPkce((String) client.get("client_id"));
		assertThat(OAuthFlows.redirectParameters(redirect)).containsKey("code").doesNotContainKey("error");
	}

	@Test
	void registerWhenPublicClientOptsOutOfPkceThenItIsStillRequired() {
		Map<String, Object> metadata = new java.util.HashMap<>(metadata(TestClients.REDIRECT_URI));
		metadata.put("require_pkce", false);
		metadata.put("token_endpoint_auth_method", "none");
		metadata.put("grant_types", List.of("authorization_code"));

		Map<String, Object> client = read(register(initialAccessToken(), metadata).body());

		assertThat(client).containsEntry("require_pkce", true);
		Response refused = signInWithoutPkce((String) client.get("client_id"));
		assertThat(OAuthFlows.redirectParameters(refused)).containsEntry("error", "invalid_request");
	}

	/** A new person signs in to the client with an authorization request without PKCE. */
	private Response signInWithoutPkce(String clientId) {
		HttpUserAgent user = new HttpUserAgent(this.developer.baseUrl());
		Accounts.registerAndSignIn(user);
		OAuthFlows flows = new OAuthFlows(user);
		Response response = flows.authorize(flows.authorizationUrl(clientId, "openid", null, Map.of()));
		if (response.status() == 200 && !response.document().select("form#consent").isEmpty()) {
			response = user.submitForm(response, "form#consent", Map.of());
		}
		return response;
	}

	@Test
	void configurationWhenUpdatedWithTheRegistrationAccessTokenThenChangedAndWhenDeletedThenGone() {
		Map<String, Object> client = read(register(initialAccessToken(), metadata(TestClients.REDIRECT_URI)).body());
		String uri = (String) client.get("registration_client_uri");
		String token = (String) client.get("registration_access_token");
		Map<String, Object> changed = new java.util.HashMap<>(metadata("https://app.example.com/new-callback"));
		changed.put("client_id", client.get("client_id"));
		changed.put("client_name", "Renamed by code");

		Response updated = withToken(token,
				HttpRequest.newBuilder(URI.create(uri))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(changed))));

		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(read(updated.body())).containsEntry("client_name", "Renamed by code")
			.containsEntry("redirect_uris", List.of("https://app.example.com/new-callback"));

		Map<String, Object> bad = new java.util.HashMap<>(changed);
		bad.put("redirect_uris", List.of("http://evil.example.com/cb"));
		Response refused = withToken(token,
				HttpRequest.newBuilder(URI.create(uri))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(bad))));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(read(refused.body())).containsEntry("error", "invalid_redirect_uri");

		assertThat(withToken("not-the-token", HttpRequest.newBuilder(URI.create(uri)).DELETE()).status())
			.isEqualTo(401);
		assertThat(withToken(token, HttpRequest.newBuilder(URI.create(uri)).DELETE()).status()).isEqualTo(204);
		assertThat(withToken(token, HttpRequest.newBuilder(URI.create(uri)).GET()).status()).isEqualTo(401);
	}

	private Response withToken(String token, HttpRequest.Builder request) {
		return new HttpUserAgent(this.developer.baseUrl())
			.send(request.header("Authorization", "Bearer " + token).header("Accept", "application/json"));
	}

	private String initialAccessToken() {
		Response created = this.developer
			.follow(this.developer.submitForm("/developer/clients", "form[action$=/registration-token]", Map.of()));
		return created.document().select("#initial-access-token").text();
	}

	private Map<String, Object> metadata(String redirectUri) {
		return Map.of("client_name", "Registered by code", "redirect_uris", List.of(redirectUri), "grant_types",
				List.of("authorization_code", "refresh_token"), "response_types", List.of("code"),
				"token_endpoint_auth_method", "client_secret_basic", "scope", "openid profile");
	}

	private Response register(String bearer, Map<String, Object> metadata) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.developer.baseUrl() + "/connect/register"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(metadata)));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return new HttpUserAgent(this.developer.baseUrl()).send(request);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(String body) {
		return json.readValue(body, Map.class);
	}

}
