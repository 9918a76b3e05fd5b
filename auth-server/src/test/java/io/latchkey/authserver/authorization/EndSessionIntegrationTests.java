package io.latchkey.authserver.authorization;

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
	void endSessionWhenPostLogoutUriNotRegisteredThenRefused() {
		TokenResponse tokens = signInAndExchange();

		Response response = this.browser.get("/connect/logout?id_token_hint=" + tokens.get("id_token")
				+ "&post_logout_redirect_uri=https://attacker.example/");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.location()).isNull();
	}

}
