package io.latchkey.authserver.login;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class SignInIntegrationTests {

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
	void signInWhenPasswordRightThenHomePageShowsAccount() {
		Response response = Accounts.signIn(this.agent, this.username, Accounts.PASSWORD);

		assertThat(response.status()).isEqualTo(302);
		Response home = this.agent.follow(response);
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.document().select("#username").text()).isEqualTo(this.username);
		assertThat(home.document().select("#email").text()).isEqualTo(this.username + "@example.com");
	}

	@Test
	void signInWhenEmailAddressGivenThenSignedIn() {
		Response home = this.agent
			.follow(Accounts.signIn(this.agent, this.username + "@example.com", Accounts.PASSWORD));

		assertThat(home.document().select("#username").text()).isEqualTo(this.username);
	}

	@Test
	void signInWhenPasswordWrongOrUserUnknownThenSameMessage() {
		Response wrongPassword = this.agent.follow(Accounts.signIn(this.agent, this.username, "not the password!"));
		Response unknownUser = this.agent
			.follow(Accounts.signIn(this.agent, Accounts.newUsername(), "not the password!"));

		assertThat(wrongPassword.uri().toString()).endsWith("/login?error");
		assertThat(unknownUser.uri().toString()).endsWith("/login?error");
		String wrongPasswordMessage = wrongPassword.document().select("[role=alert]").text();
		assertThat(wrongPasswordMessage).startsWith("Sign-in failed.");
		assertThat(unknownUser.document().select("[role=alert]").text()).isEqualTo(wrongPasswordMessage);
	}

	@Test
	void signInWhenCsrfTokenMissingThenNotSignedInAndFormShownAgain() {
		Response response = this.agent.postForm("/login",
				java.util.Map.of("username", this.username, "password", Accounts.PASSWORD));

		assertThat(response.location()).endsWith("/login?expired");
		assertThat(this.agent.get("/").location()).endsWith("/login");
	}

	@Test
	void homeWhenNotSignedInThenRedirectedToSignIn() {
		Response response = this.agent.get("/");

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location()).endsWith("/login");
	}

	@Test
	void signOutWhenSignedInThenSessionEnded() {
		this.agent.follow(Accounts.signIn(this.agent, this.username, Accounts.PASSWORD));

		Response signedOut = this.agent.submitForm("/", "form[action$=/logout]", java.util.Map.of());

		assertThat(signedOut.location()).endsWith("/login?logout");
		assertThat(this.agent.get("/").status()).isEqualTo(302);
	}

}
