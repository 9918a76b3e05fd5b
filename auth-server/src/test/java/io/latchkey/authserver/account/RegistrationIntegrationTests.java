package io.latchkey.authserver.account;

import java.util.HashMap;
import java.util.Map;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class RegistrationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	HttpUserAgent agent;

	@BeforeEach
	void setUp() {
		this.agent = new HttpUserAgent("http://localhost:" + this.port);
	}

	@Test
	void registerWhenFormValidThenAccountStoredWithHashedPasswordAndRedirectedToSignIn() {
		String username = Accounts.newUsername();
		Response response = Accounts.register(this.agent, username);

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location()).endsWith("/login?registered");
		UserAccount account = this.accounts.findByUsername(username).orElseThrow();
		assertThat(account.getEmail()).isEqualTo(username + "@example.com");
		assertThat(account.getPasswordHash()).startsWith("{argon2}").doesNotContain(Accounts.PASSWORD);
		assertThat(account.isEmailVerified()).isFalse();
		assertThat(this.agent.follow(response).body()).contains("Your account is ready");
	}

	@Test
	void registrationPageWhenOpenedThenOffersALiveStrengthHintInOwnScript() {
		Response page = this.agent.get("/register");

		assertThat(page.document().select("#password-strength").attr("data-minimum")).isEqualTo("12");
		assertThat(page.document().select("#password-strength").attr("data-weak")).startsWith("Weak");
		assertThat(page.document().select("script").eachAttr("src")).contains("/js/password-strength.js");
		assertThat(this.agent.get("/js/password-strength.js").status()).isEqualTo(200);
	}

	@Test
	void registerWhenFieldsBlankThenEachFieldSaysWhatIsMissing() {
		Response response = submit(Map.of("username", "", "email", "", "password", "", "confirmPassword", ""));

		assertThat(response.status()).isEqualTo(200);
		assertThat(errorsOf(response, "username")).isEqualTo("Choose a username.");
		assertThat(errorsOf(response, "email")).isEqualTo("Enter your e-mail address.");
		assertThat(errorsOf(response, "password")).isEqualTo("Choose a password.");
	}

	@Test
	void registerWhenUsernameMalformedThenUsernameRejected() {
		Response response = submit(valid(Map.of("username", "a b")));

		assertThat(errorsOf(response, "username")).startsWith("A username has 3 to 32 letters");
		assertThat(this.accounts.existsByUsername("a b")).isFalse();
	}

	@Test
	void registerWhenEmailMalformedThenEmailRejected() {
		Response response = submit(valid(Map.of("email", "not-an-address")));

		assertThat(errorsOf(response, "email")).isEqualTo("Enter a valid e-mail address.");
	}

	@Test
	void registerWhenAFieldBreaksTwoRulesWithOneMessageThenTheMessageIsShownOnceAndTheRestIsKept() {
		// too long for an address and no address at all: two rules, one message
		Response response = submit(valid(Map.of("email", "x".repeat(300))));

		assertThat(response.document().select("#email-errors li").eachText())
			.containsExactly("Enter a valid e-mail address.");
		// everything but the passwords is kept for the next try
		assertThat(response.document().select("input#username").attr("value")).isNotBlank();
		assertThat(response.document().select("input#password").attr("value")).isEmpty();
	}

	@Test
	void registerWhenPasswordTooShortThenPasswordRejected() {
		Response response = submit(valid(Map.of("password", "short", "confirmPassword", "short")));

		assertThat(errorsOf(response, "password")).isEqualTo("The password must have at least 12 characters.");
	}

	@Test
	void registerWhenConfirmationDiffersThenConfirmationRejected() {
		Response response = submit(valid(Map.of("confirmPassword", "something else entirely")));

		assertThat(errorsOf(response, "confirmPassword")).isEqualTo("The two passwords differ.");
	}

	@Test
	void registerWhenUsernameTakenInAnyCaseThenUsernameRejectedAndFirstAccountUntouched() {
		String username = Accounts.newUsername();
		Accounts.register(this.agent, username);
		UserAccount first = this.accounts.findByUsername(username).orElseThrow();

		String otherEmail = Accounts.newUsername() + "@example.com";
		Response response = submit(valid(Map.of("username", username.toUpperCase(), "email", otherEmail)));

		assertThat(errorsOf(response, "username")).isEqualTo("This username is taken.");
		assertThat(this.accounts.existsByEmail(otherEmail)).isFalse();
		assertThat(this.accounts.findByUsername(username).orElseThrow().getPasswordHash())
			.isEqualTo(first.getPasswordHash());
	}

	@Test
	void registerWhenEmailTakenThenEmailRejected() {
		String username = Accounts.newUsername();
		Accounts.register(this.agent, username);

		String otherUsername = Accounts.newUsername();
		Response response = submit(
				valid(Map.of("username", otherUsername, "email", username.toUpperCase() + "@EXAMPLE.com")));

		assertThat(errorsOf(response, "email")).isEqualTo("An account with this e-mail address already exists.");
		assertThat(this.accounts.existsByUsername(otherUsername)).isFalse();
	}

	@Test
	void registerWhenCsrfTokenMissingThenNothingStoredAndFormShownAgain() {
		String username = Accounts.newUsername();
		Response response = this.agent.postForm("/register", Map.of("username", username, "email",
				username + "@example.com", "password", Accounts.PASSWORD, "confirmPassword", Accounts.PASSWORD));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location()).endsWith("/register?expired");
		assertThat(this.agent.follow(response).document().select("[role=alert]").text())
			.isEqualTo("This page had expired. Please fill it in again.");
		assertThat(this.accounts.existsByUsername(username)).isFalse();
	}

	private Response submit(Map<String, String> fields) {
		return this.agent.submitForm("/register", "form[action$=/register]", fields);
	}

	private static Map<String, String> valid(Map<String, String> overrides) {
		String username = Accounts.newUsername();
		Map<String, String> fields = new HashMap<>(Map.of("username", username, "email", username + "@example.com",
				"password", Accounts.PASSWORD, "confirmPassword", Accounts.PASSWORD));
		fields.putAll(overrides);
		return fields;
	}

	private static String errorsOf(Response response, String field) {
		return response.document().select("#" + field + "-errors li").text();
	}

}
