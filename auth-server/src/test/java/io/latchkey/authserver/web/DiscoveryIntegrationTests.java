package io.latchkey.authserver.web;

import java.util.List;
import java.util.Map;

import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class DiscoveryIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	@SuppressWarnings("unchecked")
	void openidConfigurationWhenRequestedThenDescribesEveryEndpointAndStrictDefaults() {
		String issuer = "http://localhost:" + this.port;
		Map<String, Object> metadata = json(issuer, "/.well-known/openid-configuration");

		assertThat(metadata).containsEntry("issuer", issuer)
			.containsEntry("authorization_endpoint", issuer + "/oauth2/authorize")
			.containsEntry("token_endpoint", issuer + "/oauth2/token")
			.containsEntry("jwks_uri", issuer + "/oauth2/jwks")
			.containsEntry("userinfo_endpoint", issuer + "/userinfo")
			.containsEntry("end_session_endpoint", issuer + "/connect/logout")
			.containsEntry("introspection_endpoint", issuer + "/oauth2/introspect")
			.containsEntry("revocation_endpoint", issuer + "/oauth2/revoke");
		assertThat((List<String>) metadata.get("response_types_supported")).containsExactly("code");
		assertThat((List<String>) metadata.get("code_challenge_methods_supported")).containsExactly("S256");
		assertThat((List<String>) metadata.get("id_token_signing_alg_values_supported")).containsExactly("RS256",
				"ES256");
		assertThat((List<String>) metadata.get("subject_types_supported")).containsExactly("public", "pairwise");
		assertThat((List<String>) metadata.get("grant_types_supported")).contains("authorization_code", "refresh_token",
				"client_credentials");
		assertThat(metadata).containsEntry("authorization_response_iss_parameter_supported", true);
	}

	@Test
	void authorizationServerMetadataWhenRequestedThenSameIssuer() {
		String issuer = "http://localhost:" + this.port;

		assertThat(json(issuer, "/.well-known/oauth-authorization-server")).containsEntry("issuer", issuer)
			.containsEntry("token_endpoint", issuer + "/oauth2/token");
	}

	@Test
	@SuppressWarnings("unchecked")
	void jwksWhenRequestedThenOnePublicRsaAndOnePublicEcSigningKey() {
		Map<String, Object> jwks = json("http://localhost:" + this.port, "/oauth2/jwks");

		List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.get("keys");
		assertThat(keys).hasSize(2);
		assertThat(keys).filteredOn((key) -> "RSA".equals(key.get("kty")))
			.singleElement()
			.satisfies((key) -> assertThat(key).containsEntry("alg", "RS256")
				.containsEntry("use", "sig")
				.containsKeys("kid", "n", "e")
				.doesNotContainKeys("d", "p", "q", "dp", "dq", "qi"));
		assertThat(keys).filteredOn((key) -> "EC".equals(key.get("kty")))
			.singleElement()
			.satisfies((key) -> assertThat(key).containsEntry("alg", "ES256")
				.containsEntry("crv", "P-256")
				.doesNotContainKey("d"));
	}

	@Test
	void jwksAndDiscoveryWhenRequestedThenCacheableForAWhileButTokenResponsesNever() {
		String issuer = "http://localhost:" + this.port;

		assertThat(get(issuer, "/oauth2/jwks").header("Cache-Control")).isEqualTo("public, max-age=300");
		assertThat(get(issuer, "/.well-known/openid-configuration").header("Cache-Control"))
			.isEqualTo("public, max-age=3600");
		assertThat(get(issuer, "/.well-known/oauth-authorization-server").header("Cache-Control"))
			.isEqualTo("public, max-age=3600");
		Response token = new HttpUserAgent(issuer).postForm("/oauth2/token",
				Map.of("grant_type", "client_credentials"));
		assertThat(token.header("Cache-Control")).contains("no-store");
	}

	private static Response get(String issuer, String path) {
		return new HttpUserAgent(issuer).send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer + path))
			.header("Accept", "application/json")
			.GET());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(String issuer, String path) {
		Response response = new HttpUserAgent(issuer)
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer + path))
				.header("Accept", "application/json")
				.GET());
		assertThat(response.status()).isEqualTo(200);
		return JsonMapper.builder().build().readValue(response.body(), Map.class);
	}

}
