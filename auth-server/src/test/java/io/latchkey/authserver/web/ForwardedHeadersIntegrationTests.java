package io.latchkey.authserver.web;

import java.util.Map;

import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy (as scripts/cluster.sh runs the nodes) forwarded headers count only when
 * they come from an address in {@code server.tomcat.remoteip.internal-proxies}. From
 * anyone else they would let a caller name their own address, and so walk around the
 * per-address throttles and fill the sessions page with made-up addresses, or name the
 * host and scheme the issuer is derived from.
 */
class ForwardedHeadersIntegrationTests {

	private static final Map<String, String> FORWARDED = Map.of("X-Forwarded-For", "203.0.113.7", "X-Forwarded-Host",
			"attacker.example", "X-Forwarded-Proto", "https");

	/** Signs a new account in and reads the address the sessions page shows for it. */
	static String signedInAddress(HttpUserAgent browser) {
		Accounts.registerAndSignIn(browser);
		return browser.get("/account/sessions").document().select(".session-address").text();
	}

	@Nested
	@AuthServerIntegrationTest
	@TestPropertySource(properties = { "server.forward-headers-strategy=native",
			"server.tomcat.remoteip.internal-proxies=10\\.9\\.9\\.9" })
	class FromAnAddressThatIsNoProxy {

		@LocalServerPort
		int port;

		@Test
		void requestWhenItCarriesForwardedHeadersThenTheyAreIgnored() {
			HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port, FORWARDED);

			assertThat(browser.get("/.well-known/openid-configuration").body())
				.contains("\"issuer\":\"http://localhost:" + this.port + "\"")
				.doesNotContain("attacker.example");
			assertThat(signedInAddress(browser)).contains("127.0.0.1").doesNotContain("203.0.113.7");
		}

	}

	@Nested
	@AuthServerIntegrationTest
	@TestPropertySource(properties = { "server.forward-headers-strategy=native",
			"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1" })
	class FromTheConfiguredProxy {

		@LocalServerPort
		int port;

		@Test
		void requestWhenItCarriesForwardedHeadersThenTheyNameTheClientAndTheIssuer() {
			HttpUserAgent proxy = new HttpUserAgent("http://localhost:" + this.port, FORWARDED);

			assertThat(proxy.get("/.well-known/openid-configuration").body())
				.contains("\"issuer\":\"https://attacker.example\"");
			// without the forwarded https, which this port does not speak
			HttpUserAgent browser = new HttpUserAgent("http://localhost:" + this.port,
					Map.of("X-Forwarded-For", "203.0.113.7"));
			assertThat(signedInAddress(browser)).contains("203.0.113.7");
		}

	}

}
