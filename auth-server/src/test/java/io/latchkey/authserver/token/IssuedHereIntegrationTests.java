package io.latchkey.authserver.token;

import java.util.Map;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Person;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token of another issuer signed with our keys: with no issuer configured, the server
 * is {@code http://localhost:port} and {@code http://127.0.0.1:port} at once, two issuers
 * that share every key. Userinfo and introspection at one refuse the other's tokens (RFC
 * 9068 section 4, RFC 7662 section 2.2).
 */
@AuthServerIntegrationTest
class IssuedHereIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets clientSecrets;

	RegisteredClient client;

	TokenResponse tokens;

	@BeforeEach
	void setUp() {
		Person person = Person.registered(this.port);
		OAuthFlows flows = new OAuthFlows(person.browser());
		this.client = TestClients.webClient(this.clients, this.clientSecrets, false);
		Pkce pkce = Pkce.generate();
		String code = flows.code(flows.authorizeSigningIn(
				flows.authorizationUrl(this.client.getClientId(), "openid profile", pkce, Map.of()),
				person.username()));
		this.tokens = flows.exchangeCode(this.client.getClientId(), code, pkce.verifier());
	}

	@Test
	void userinfoWhenTokenOfAnotherIssuerThenRefused() {
		assertThat(at("localhost").getWithBearer("/userinfo", this.tokens.get("access_token")).status()).isEqualTo(200);

		TokenResponse elsewhere = at("127.0.0.1").getWithBearer("/userinfo", this.tokens.get("access_token"));

		assertThat(elsewhere.status()).isEqualTo(401);
		assertThat(elsewhere.raw().header("WWW-Authenticate")).contains("invalid_token");
	}

	@Test
	void introspectionWhenTokenOfAnotherIssuerThenInactive() {
		assertThat(introspect(at("localhost")).body()).containsEntry("active", true);

		assertThat(introspect(at("127.0.0.1")).body()).containsEntry("active", false).hasSize(1);
	}

	private OAuthFlows at(String host) {
		return new OAuthFlows(new HttpUserAgent("http://" + host + ":" + this.port));
	}

	private TokenResponse introspect(OAuthFlows flows) {
		return flows.post("/oauth2/introspect", this.client.getClientId(), TestClients.SECRET,
				Map.of("token", this.tokens.get("access_token")));
	}

}
