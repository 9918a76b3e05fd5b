package io.latchkey.authserver.login;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.Person;
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

	Person person;

	@BeforeEach
	void setUp() {
		this.person = Person.registered(this.port);
	}

	@Test
	void signInWhenAddressUnverifiedAndPasswordRightThenAskedToVerify() {
		Response response = Accounts.signIn(this.person.browser(), this.person.username(), Accounts.PASSWORD);

		assertThat(response.location()).endsWith("/login?unverified");
		assertThat(this.person.browser().follow(response).document().select("[role=alert]").text())
			.contains("Verify your e-mail address before you sign in");
		assertThat(this.person.browser().get("/").location()).endsWith("/login");
	}

	@Test
	void signInWhenAddressUnverifiedAndPasswordWrongThenUsualFailure() {
		Response response = Accounts.signIn(this.person.browser(), this.person.username(), "not the right password");

		assertThat(response.location()).endsWith("/login?error");
	}

	@Test
	void signInWhenAddressVerifiedThenSignedIn() {
		this.person.browser().get(TestMailServer.awaitMessage(this.person.email(), 1).link("/verify-email?token="));

		Response response = Accounts.signIn(this.person.browser(), this.person.username(), Accounts.PASSWORD);

		assertThat(response.location()).doesNotContain("error").doesNotContain("unverified");
		assertThat(this.person.browser().get("/").status()).isEqualTo(200);
	}

}
