package io.latchkey.authserver.client;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.latchkey.authserver.account.AccountAdministration;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.client.ConfiguredClientsProperties.ConfiguredClient;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every client authentication method we offer can be chosen wherever clients are defined:
 * configuration, the portal and dynamic registration (the last in
 * {@link DynamicRegistrationIntegrationTests}); {@code private_key_jwt} here, secrets
 * everywhere else.
 */
@AuthServerIntegrationTest
class ClientAuthenticationMethodsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	TokenProperties tokens;

	@Autowired
	ClientRules rules;

	@Autowired
	AccountAdministration administration;

	@Autowired
	UserAccountRepository accounts;

	HttpServer keySite;

	RSAKey key;

	@BeforeEach
	void setUp() throws Exception {
		this.key = new RSAKeyGenerator(2048).keyID("service-key").generate();
		byte[] jwks = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.keySite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.keySite.createContext("/jwks", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(jwks);
			}
		});
		this.keySite.start();
	}

	@AfterEach
	void tearDown() {
		this.keySite.stop(0);
	}

	@Test
	void configuredClientWhenPrivateKeyJwtThenItAuthenticatesWithItsKeyAndHasNoSecret() throws Exception {
		String clientId = "configured-keyed-" + UUID.randomUUID().toString().substring(0, 8);
		ConfiguredClient configured = new ConfiguredClient(clientId, "Configured keyed service", null,
				ClientType.SERVICE, List.of(), List.of(), List.of("messages.read"), false, false, null, false, null,
				"private_key_jwt", jwksUri(), null);

		new ConfiguredClientsInitializer(new ConfiguredClientsProperties(List.of(configured)), this.clients,
				this.secrets, this.tokens, this.rules)
			.ensure();

		RegisteredClient stored = this.clients.findByClientId(clientId);
		assertThat(stored.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
		assertThat(stored.getClientSecret()).isNull();
		assertThat(clientCredentials(clientId).status()).isEqualTo(200);
	}

	@Test
	void portalClientWhenPrivateKeyJwtThenNoSecretIsShownAndItAuthenticatesWithItsKey() throws Exception {
		HttpUserAgent developer = developer();
		Response form = developer.get("/developer/clients/new");
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("_csrf", form.document().select("input[name=_csrf]").attr("value"));
		fields.put("name", "Portal keyed service");
		fields.put("type", "SERVICE");
		fields.put("redirectUris", "");
		fields.put("postLogoutRedirectUris", "");
		fields.put("backchannelLogoutUri", "");
		fields.put("accessTokenMinutes", "5");
		fields.put("refreshTokenHours", "8");
		fields.put("authenticationMethod", "private_key_jwt");
		fields.put("jwkSetUri", jwksUri());
		Response created = developer.follow(developer.send(HttpRequest
			.newBuilder(URI.create(developer.baseUrl() + "/developer/clients/new"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(HttpUserAgent.formEncode(fields) + "&scopes=messages.read"))));

		String clientId = created.document().select("#client-id").text();
		assertThat(clientId).as(created.body()).isNotBlank();
		assertThat(created.document().select("#client-secret")).isEmpty();
		assertThat(clientCredentials(clientId).status()).isEqualTo(200);
	}

	@Test
	void portalClientWhenPrivateKeyJwtWithoutKeysThenTheFormSaysSo() {
		HttpUserAgent developer = developer();
		Response form = developer.get("/developer/clients/new");

		Response refused = developer.submitForm(form, "form[action$=/developer/clients/new]",
				Map.of("name", "No keys", "type", "SERVICE", "accessTokenMinutes", "5", "refreshTokenHours", "8",
						"authenticationMethod", "private_key_jwt"));

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.document().select("#jwkSetUri-errors").text()).contains("private_key_jwt");
	}

	private TokenResponse clientCredentials(String clientId) throws Exception {
		Instant now = Instant.now();
		SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("service-key").build(),
				new JWTClaimsSet.Builder().issuer(clientId)
					.subject(clientId)
					.audience("http://localhost:" + this.port)
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(60)))
					.jwtID(UUID.randomUUID().toString())
					.build());
		assertion.sign(new RSASSASigner(this.key));
		return new OAuthFlows(new HttpUserAgent("http://localhost:" + this.port)).post("/oauth2/token", null, null,
				Map.of("grant_type", "client_credentials", "scope", "messages.read", "client_assertion_type",
						"urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion",
						assertion.serialize()));
	}

	private String jwksUri() {
		return "http://127.0.0.1:" + this.keySite.getAddress().getPort() + "/jwks";
	}

	private HttpUserAgent developer() {
		HttpUserAgent agent = new HttpUserAgent("http://localhost:" + this.port);
		String username = Accounts.newUsername();
		Accounts.register(agent, username);
		UUID id = this.accounts.findByUsername(username).orElseThrow().getId();
		this.administration.setRolesAndGroups(id, Set.of("developer"), Set.of(), "test");
		agent.follow(Accounts.signIn(agent, username, Accounts.PASSWORD));
		return agent;
	}

}
