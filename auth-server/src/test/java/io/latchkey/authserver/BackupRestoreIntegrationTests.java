package io.latchkey.authserver;

import java.util.Map;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import io.latchkey.authserver.support.TestDatabases;
import io.latchkey.authserver.support.TestMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backup is the database and the key encryption key (README, "Operate it"): a
 * {@code pg_dump} restored into a fresh database, served by a new node with the same key
 * and issuer, signs in the accounts it holds and honours the tokens issued before the
 * dump: the access token at userinfo (signed by a key stored encrypted in the dump), the
 * refresh token at the token endpoint.
 */
@AuthServerIntegrationTest
class BackupRestoreIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${spring.datasource.url}")
	String databaseUrl;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Test
	void restoreWhenADumpIsRestoredIntoAFreshDatabaseThenAccountsAndEarlierTokensWork() {
		String issuer = "http://localhost:" + this.port;
		HttpUserAgent browser = new HttpUserAgent(issuer);
		String username = Accounts.registerAndSignIn(browser);
		RegisteredClient client = TestClients.webClient(this.clients, this.secrets, false);
		OAuthFlows flows = new OAuthFlows(browser);
		Pkce pkce = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid", pkce, Map.of())));
		TokenResponse tokens = flows.exchangeCode(client.getClientId(), code, pkce.verifier());
		assertThat(tokens.status()).isEqualTo(200);

		String restored = TestDatabases.restoreDumpOf(this.databaseUrl);

		try (ConfigurableApplicationContext restoredNode = startNode(restored, issuer)) {
			int restoredPort = ((WebServerApplicationContext) restoredNode).getWebServer().getPort();
			HttpUserAgent other = new HttpUserAgent("http://localhost:" + restoredPort);
			assertThat(Accounts.signIn(other, username, Accounts.PASSWORD).location()).doesNotContain("error");
			OAuthFlows restoredFlows = new OAuthFlows(other);
			TokenResponse userInfo = restoredFlows.getWithBearer("/userinfo", tokens.get("access_token"));
			assertThat(userInfo.status()).isEqualTo(200);
			assertThat(userInfo.get("sub")).isNotBlank();
			TokenResponse refreshed = restoredFlows.tokenRequest(client.getClientId(), TestClients.SECRET,
					Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token")));
			assertThat(refreshed.status()).isEqualTo(200);
			assertThat(refreshed.get("access_token")).isNotBlank();
		}
	}

	/**
	 * A second node on the restored database: the same issuer and key encryption key (the
	 * development default both nodes use here), a port of its own.
	 */
	private static ConfigurableApplicationContext startNode(String databaseUrl, String issuer) {
		// as arguments: they rank above application.yaml, which default properties do not
		Map<String, Object> settings = Map.ofEntries(Map.entry("server.port", "0"),
				Map.entry("management.server.port", "0"), Map.entry("spring.datasource.url", databaseUrl),
				Map.entry("spring.datasource.username", ""), Map.entry("spring.datasource.password", ""),
				Map.entry("spring.security.oauth2.authorizationserver.issuer", issuer),
				Map.entry("spring.mail.host", "127.0.0.1"), Map.entry("spring.mail.port", TestMailServer.port()),
				Map.entry("latchkey.passwords.argon2-memory-kib", "8192"),
				Map.entry("latchkey.passwords.argon2-iterations", "1"),
				Map.entry("latchkey.tokens.resources[0].audience", "messages-api"),
				Map.entry("latchkey.tokens.resources[0].scopes", "messages.read,messages.write"),
				Map.entry("latchkey.tokens.resources[0].uri", "https://messages.example.test"),
				Map.entry("spring.datasource.hikari.minimum-idle", "1"));
		return new SpringApplicationBuilder(AuthServerApplication.class).run(settings.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
			.toArray(String[]::new));
	}

}
