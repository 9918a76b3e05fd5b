package io.latchkey.authserver.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import io.latchkey.authserver.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret reaches the log: a whole flow, failures included, leaves none of the
 * passwords, client secret, code, tokens or mailed link tokens in what the server logged
 * meanwhile; and every answer carries the request id its log lines carry.
 */
@AuthServerIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogSecrecyIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Test
	void logWhenAWholeFlowRanThenNoSecretOfItIsInIt(CapturedOutput log) {
		List<String> secrets = new ArrayList<>(List.of(Accounts.PASSWORD, TestClients.SECRET));
		HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port);
		String username = Accounts.registerAndSignIn(browser);
		secrets.add(TestMailServer.awaitMessage(Accounts.emailOf(username), 1)
			.link("/verify-email?token=")
			.replaceAll(".*token=", ""));
		String wrongGuess = "a wrong guess of " + username;
		secrets.add(wrongGuess);
		Accounts.signIn(new HttpUserAgent(browser.baseUrl()), username, wrongGuess);

		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		OAuthFlows flows = new OAuthFlows(browser);
		Pkce pkce = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid", pkce, Map.of())));
		secrets.add(code);
		secrets.add(pkce.verifier());
		TokenResponse tokens = flows.exchangeCode(client.getClientId(), code, pkce.verifier());
		assertThat(tokens.status()).isEqualTo(200);
		TokenResponse refreshed = flows.tokenRequest(client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token")));
		assertThat(refreshed.status()).isEqualTo(200);
		// the used refresh token again: reuse detected, the family revoked, logged with
		// the request's id
		TokenResponse reused = flows.tokenRequest(client.getClientId(), TestClients.SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token")));
		String requestId = reused.raw().header(RequestIds.HEADER);
		assertThat(log.getAll()).containsPattern("\\[" + requestId + "\\] .*A used refresh token");
		flows.getWithBearer("/userinfo", refreshed.get("access_token"));
		// the code again (last: a replayed code revokes what it gave): refused, and its
		// refusal is logged without it
		flows.exchangeCode(client.getClientId(), code, pkce.verifier());
		secrets.add(tokens.get("id_token"));
		for (TokenResponse issued : List.of(tokens, refreshed)) {
			secrets.add(issued.get("access_token"));
			secrets.add(issued.get("refresh_token"));
		}
		browser.submitForm("/forgot-password", "form[action$=/forgot-password]",
				Map.of("email", Accounts.emailOf(username)));
		secrets.add(TestMailServer.awaitMessage(Accounts.emailOf(username), 2)
			.link("/reset-password?token=")
			.replaceAll(".*token=", ""));

		for (String secret : secrets) {
			assertThat(secret).isNotBlank();
			assertThat(log.getAll()).as("the log holds a secret of the flow").doesNotContain(secret);
		}
	}

	@Test
	void answersWhenAskedThenCarryARequestIdAndKeepAPlainOneFromAProxy() {
		HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port);
		assertThat(browser.get("/login").header(RequestIds.HEADER)).matches("[0-9a-f-]{36}");

		HttpUserAgent behindProxy = new HttpUserAgent(browser.baseUrl(), Map.of(RequestIds.HEADER, "proxy-1234abcd"));
		assertThat(behindProxy.get("/login").header(RequestIds.HEADER)).isEqualTo("proxy-1234abcd");
		Response forged = new HttpUserAgent(browser.baseUrl(), Map.of(RequestIds.HEADER, "x\" injected=\"1"))
			.get("/login");
		assertThat(forged.header(RequestIds.HEADER)).matches("[0-9a-f-]{36}");
	}

}
