package io.latchkey.authserver.authorization;

import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token exchange (RFC 8693), the library's grant: a service that received a person's
 * access token gets one of its own to call another API on that person's behalf.
 */
@AuthServerIntegrationTest
class TokenExchangeIntegrationTests {

	private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	UserAccountRepository accounts;

	OAuthFlows flows;

	String username;

	String userAccessToken;

	@BeforeEach
	void setUp() {
		HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port);
		this.username = Accounts.registerAndSignIn(browser);
		this.flows = new OAuthFlows(browser);
		RegisteredClient web = TestClients.webClient(this.clients, this.secrets, false);
		Pkce pkce = Pkce.generate();
		String code = this.flows.code(this.flows
			.authorize(this.flows.authorizationUrl(web.getClientId(), "openid messages.read", pkce, Map.of())));
		this.userAccessToken = this.flows.exchangeCode(web.getClientId(), code, pkce.verifier()).get("access_token");
	}

	@Test
	void exchangeWhenServiceMayExchangeThenTokenForThePersonIssuedToTheService() throws Exception {
		RegisteredClient service = service(true);

		TokenResponse exchanged = exchange(service, this.userAccessToken);

		assertThat(exchanged.status()).as(exchanged.raw().body()).isEqualTo(200);
		assertThat(exchanged.get("issued_token_type")).isEqualTo(ACCESS_TOKEN_TYPE);
		JWTClaimsSet claims = SignedJWT.parse(exchanged.get("access_token")).getJWTClaimsSet();
		assertThat(claims.getSubject())
			.isEqualTo(this.accounts.findByUsername(this.username).orElseThrow().getId().toString());
		assertThat(claims.getStringClaim("client_id")).isEqualTo(service.getClientId());
		assertThat(claims.getAudience()).contains("messages-api");
	}

	@Test
	void exchangeWhenClientHasNoSuchGrantThenUnauthorizedClient() {
		TokenResponse refused = exchange(service(false), this.userAccessToken);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.error()).isEqualTo("unauthorized_client");
	}

	@Test
	void exchangeWhenSubjectTokenUnknownThenInvalidGrant() {
		TokenResponse refused = exchange(service(true), "not-a-token-we-issued");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.error()).isEqualTo("invalid_grant");
	}

	private RegisteredClient service(boolean mayExchange) {
		RegisteredClient base = TestClients.serviceClient(this.clients, this.secrets);
		if (!mayExchange) {
			return base;
		}
		RegisteredClient client = RegisteredClient.from(base)
			.authorizationGrantType(new AuthorizationGrantType(TOKEN_EXCHANGE))
			.build();
		this.clients.save(client);
		return client;
	}

	private TokenResponse exchange(RegisteredClient service, String subjectToken) {
		return this.flows.tokenRequest(service.getClientId(), TestClients.SECRET, Map.of("grant_type", TOKEN_EXCHANGE,
				"subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE, "scope", "messages.read"));
	}

}
