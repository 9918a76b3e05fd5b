package io.latchkey.authserver.authorization;

import java.util.List;
import java.util.Map;

import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0).
 */
class EndSessionIntegrationTests extends CodeFlowIntegrationTestSupport {

	@Test
	void endSessionWhenIdTokenHintAndRegisteredPostLogoutUriThenSignedOutAndRedirected() {
		TokenResponse tokens = signInAndExchange();

		Response response = this.browser.get("/connect/logout?id_token_hint=" + tokens.get("id_token")
				+ "&post_logout_redirect_uri=http://127.0.0.1:8080/&state=bye");

		assertThat(response.location()).isEqualTo("http://127.0.0.1:8080/?state=bye");
		assertThat(this.browser.get("/").location()).endsWith("/login");
	}

	@Test
	void endSessionWhenNoPostLogoutUriThenSignedOutAndSignInPageSaysSo() {
		TokenResponse tokens = signInAndExchange();

		Response response = this.browser.get("/connect/logout?id_token_hint=" + tokens.get("id_token"));

		assertThat(response.location()).endsWith("/login?logout");
		assertThat(this.browser.follow(response).document().select("[role=status]").text())
			.isEqualTo("You have signed out.");
		assertThat(this.browser.get("/").location()).endsWith("/login");
	}

	@Test
	void endSessionWithoutIdTokenHintThenThePersonIsAskedAndSignedOutOnConfirmation() {
		signInAndExchange();

		// RP-Initiated Logout 1.0 section 2: id_token_hint is RECOMMENDED, not required;
		// without it the OP asks the person
		for (String query : List.of("", "?state=only-state", "?client_id=" + this.client.getClientId())) {
			Response asked = this.browser.follow(this.browser.get("/connect/logout" + query));

			assertThat(asked.status()).as(query).isEqualTo(200);
			assertThat(asked.document().select("h1").text()).as(query).isEqualTo("Sign out of Latchkey?");
		}
		Response asked = this.browser.follow(this.browser.get("/connect/logout"));
		Response signedOut = this.browser.submitForm(asked, "form#sign-out", Map.of());

		assertThat(signedOut.location()).endsWith("/login?logout");
		assertThat(this.browser.get("/").location()).endsWith("/login");
	}

	@Test
	void endSessionWithoutHintButWithClientAndRegisteredUriThenBackToTheClientAfterConfirmation() {
		signInAndExchange();

		Response asked = this.browser.follow(this.browser.get("/connect/logout?client_id=" + this.client.getClientId()
				+ "&post_logout_redirect_uri=http://127.0.0.1:8080/&state=bye"));
		Response signedOut = this.browser.submitForm(asked, "form#sign-out", Map.of());

		assertThat(asked.document().select("p").text()).contains("Test Web App asks you to sign out.");
		assertThat(signedOut.location()).isEqualTo("http://127.0.0.1:8080/?state=bye");
	}

	@Test
	void endSessionWithoutHintWhenStateHoldsBracesAndSpacesThenItComesBackEncoded() {
		signInAndExchange();

		Response asked = this.browser.follow(this.browser.get("/connect/logout?client_id=" + this.client.getClientId()
				+ "&post_logout_redirect_uri=http://127.0.0.1:8080/&state=%7Bbye%7D%20a%26b"));
		Response signedOut = this.browser.submitForm(asked, "form#sign-out", Map.of());

		// RP-Initiated Logout 1.0 section 3: state is passed back as given
		assertThat(signedOut.location()).isEqualTo("http://127.0.0.1:8080/?state=%7Bbye%7D%20a%26b");
	}

	@Test
	void endSessionWithoutHintWhenPostLogoutUriNotRegisteredOrPostedAfterwardsThenNeverRedirected() {
		signInAndExchange();

		Response asked = this.browser.follow(this.browser.get("/connect/logout?client_id=" + this.client.getClientId()
				+ "&post_logout_redirect_uri=https://attacker.example/"));
		Response signedOut = this.browser.submitForm(asked, "form#sign-out", Map.of("client_id",
				this.client.getClientId(), "post_logout_redirect_uri", "https://attacker.example/"));

		assertThat(asked.document().select("input[name=post_logout_redirect_uri]")).isEmpty();
		assertThat(signedOut.location()).endsWith("/login?logout");
	}

	@Test
	void endSessionWhenPostedStateIsTooLongToBeReturnedThenRefusedOnOurPage() {
		// RP-Initiated Logout 1.0 section 3: state comes back in the redirect, whose
		// Location header must fit; README bounds it as at the authorization endpoint
		TokenResponse tokens = signInAndExchange();

		Response response = this.browser.postForm("/connect/logout", Map.of("id_token_hint", tokens.get("id_token"),
				"post_logout_redirect_uri", "http://127.0.0.1:8080/", "state", "z".repeat(70000)));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.location()).isNull();
		assertThat(response.document().select("#error-detail").text()).contains("state");
	}

	@Test
	void endSessionWhenPostLogoutUriNotRegisteredThenRefused() {
		TokenResponse tokens = signInAndExchange();

		Response response = this.browser.get("/connect/logout?id_token_hint=" + tokens.get("id_token")
				+ "&post_logout_redirect_uri=https://attacker.example/");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.location()).isNull();
	}

}
