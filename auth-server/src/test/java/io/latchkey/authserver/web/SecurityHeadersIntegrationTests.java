package io.latchkey.authserver.web;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class SecurityHeadersIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void pageWhenServedThenStrictHeaders() {
		Response page = new HttpUserAgent("http://localhost:" + this.port).get("/login");

		assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'")
			.contains("script-src 'self'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline");
		assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
		assertThat(page.header("Cache-Control")).contains("no-store");
		assertThat(page.header("Set-Cookie")).contains("LATCHKEY_SESSION")
			.contains("HttpOnly")
			.contains("SameSite=Lax");
	}

	@Test
	void pageWhenLoadedThenReferencesOnlyOwnAssets() {
		Response page = new HttpUserAgent("http://localhost:" + this.port).get("/register");

		assertThat(page.document().select("link[href], script[src], img[src]").eachAttr("abs:href"))
			.allMatch((url) -> url.isEmpty() || url.startsWith("http://localhost:" + this.port));
		assertThat(page.document().select("script:not([src])")).isEmpty();
		assertThat(page.document().select("[style]")).isEmpty();
	}

	@Test
	void unknownPageWhenSignedInThenReadableNotFoundPageWithoutInternals() {
		HttpUserAgent agent = new HttpUserAgent("http://localhost:" + this.port);
		Accounts.registerAndSignIn(agent);

		Response response = agent.get("/no-such-page");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.document().select("h1").text()).isEqualTo("Page not found");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
	}

}
