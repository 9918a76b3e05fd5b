package io.latchkey.authserver.login;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.TestMailServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
@TestPropertySource(properties = "latchkey.accounts.require-verified-email=true")
class RequireVerifiedEmailIntegrationTests {

	@LocalServerPort
	int port;

	HttpUserAgent agent;

	String username;

	@BeforeEach
	void setUp() {
		this.agent = new HttpUserAgent("http://localhost:" + this.port);
		this.username = Accounts.newUsername();
		Accounts.register(this.agent, this.username);
	}

	@Test
	void signInWhenAddressUnverifiedAndPasswordRightThenAskedToVerify() {
		Response response = Accounts.signIn(this.agent, this.username, Accounts.PASSWORD);

		assertThat(response.location()).endsWith("/login?unverified");
		assertThat(this.agent.follow(response).document().select("[role=alert]").text())
			.contains("Verify your e-mail address before you sign in");
		assertThat(this.agent.get("/").location()).endsWith("/login");
	}

	@Test
	void signInWhenAddressUnverifiedAndPasswordWrongThenUsualFailure() {
		Response response = Accounts.signIn(this.agent, this.username, "not the right password");

		assertThat(response.location()).endsWith("/login?error");
	}

	@Test
	void signInWhenAddressVerifiedThenSignedIn() {
		this.agent.get(TestMailServer.awaitMessage(Accounts.emailOf(this.username), 1).link("/verify-email?token="));

		Response response = Accounts.signIn(this.agent, this.username, Accounts.PASSWORD);

		assertThat(response.location()).doesNotContain("error").doesNotContain("unverified");
		assertThat(this.agent.get("/").status()).isEqualTo(200);
	}

}
