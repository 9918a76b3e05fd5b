package io.latchkey.authserver.login;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class SignInIntegrationTests {

	@LocalServerPort
	int port;

	Person person;

	@BeforeEach
	void setUp() {
		this.person = Person.registered(this.port);
	}

	@Test
	void signInWhenPasswordRightThenHomePageShowsAccount() {
		Response response = Accounts.signIn(this.person.browser(), this.person.username(), Accounts.PASSWORD);

		assertThat(response.status()).isEqualTo(302);
		Response home = this.person.browser().follow(response);
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.document().select("#username").text()).isEqualTo(this.person.username());
		assertThat(home.document().select("#email").text()).isEqualTo(this.person.username() + "@example.com");
	}

	@Test
	void signInWhenEmailAddressGivenThenSignedIn() {
		Response home = this.person.browser()
			.follow(Accounts.signIn(this.person.browser(), this.person.username() + "@example.com", Accounts.PASSWORD));

		assertThat(home.document().select("#username").text()).isEqualTo(this.person.username());
	}

	@Test
	void signInWhenPasswordWrongOrUserUnknownThenSameMessage() {
		Response wrongPassword = this.person.browser()
			.follow(Accounts.signIn(this.person.browser(), this.person.username(), "not the password!"));
		Response unknownUser = this.person.browser()
			.follow(Accounts.signIn(this.person.browser(), Accounts.newUsername(), "not the password!"));

		assertThat(wrongPassword.uri().toString()).endsWith("/login?error");
		assertThat(unknownUser.uri().toString()).endsWith("/login?error");
		String wrongPasswordMessage = wrongPassword.document().select("[role=alert]").text();
		assertThat(wrongPasswordMessage).startsWith("Sign-in failed.");
		assertThat(unknownUser.document().select("[role=alert]").text()).isEqualTo(wrongPasswordMessage);
	}

	@Test
	void signInWhenPasswordWrongThenTheNameTypedIsKeptAndThePasswordIsNot() {
		Response failed = this.person.browser()
			.follow(Accounts.signIn(this.person.browser(), this.person.username(), "not the password!"));

		assertThat(failed.document().select("#username").val()).isEqualTo(this.person.username());
		assertThat(failed.document().select("#password").val()).isEmpty();
		assertThat(failed.document().select("#password").hasAttr("autofocus")).isTrue();
		// only once: the page opened afresh is empty
		assertThat(this.person.browser().get("/login").document().select("#username").val()).isEmpty();
	}

	@Test
	void signInWhenCsrfTokenMissingThenNotSignedInAndFormShownAgain() {
		Response response = this.person.browser()
			.postForm("/login", java.util.Map.of("username", this.person.username(), "password", Accounts.PASSWORD));

		assertThat(response.location()).endsWith("/login?expired");
		assertThat(this.person.browser().get("/").location()).endsWith("/login");
	}

	@Test
	void homeWhenNotSignedInThenRedirectedToSignIn() {
		Response response = this.person.browser().get("/");

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location()).endsWith("/login");
	}

	@Test
	void signOutWhenSignedInThenSessionEnded() {
		this.person.browser().follow(Accounts.signIn(this.person.browser(), this.person.username(), Accounts.PASSWORD));

		Response signedOut = this.person.browser().submitForm("/", "form[action$=/logout]", java.util.Map.of());

		assertThat(signedOut.location()).endsWith("/login?logout");
		assertThat(this.person.browser().get("/").status()).isEqualTo(302);
	}

}
