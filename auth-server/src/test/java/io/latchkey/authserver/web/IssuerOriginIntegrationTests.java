package io.latchkey.authserver.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the issuer configured, a request with a forged Host header gets redirects to the
 * issuer's origin, never to the host it named (host header injection).
 */
@AuthServerIntegrationTest
@TestPropertySource(properties = "spring.security.oauth2.authorizationserver.issuer=https://login.example.test")
class IssuerOriginIntegrationTests {

	private static final String ISSUER = "https://login.example.test";

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets clientSecrets;

	@Test
	void pageWhenHostHeaderForgedThenSignInRedirectStaysAtTheIssuer() throws IOException {
		assertThat(location("/account/security", "attacker.example")).isEqualTo(ISSUER + "/login");
	}

	@Test
	void authorizeWhenHostHeaderForgedThenSignInRedirectStaysAtTheIssuer() throws IOException {
		RegisteredClient client = TestClients.webClient(this.clients, this.clientSecrets, false);
		String authorize = "/oauth2/authorize?response_type=code&scope=openid&client_id=" + client.getClientId()
				+ "&redirect_uri=" + TestClients.REDIRECT_URI + "&code_challenge_method=S256&code_challenge="
				+ Pkce.generate().challenge();

		assertThat(location(authorize, "attacker.example")).isEqualTo(ISSUER + "/login");
	}

	/** The Location of the answer to a GET sent with the given Host header. */
	private String location(String path, String host) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host
					+ "\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String head = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\r\n\r\n", 2)[0];
			for (String line : head.split("\r\n")) {
				if (line.regionMatches(true, 0, "Location:", 0, 9)) {
					return line.substring(9).trim();
				}
			}
			throw new AssertionError("No Location in:\n" + head);
		}
	}

}
