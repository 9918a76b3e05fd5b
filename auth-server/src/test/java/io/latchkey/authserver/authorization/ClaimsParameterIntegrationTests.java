package io.latchkey.authserver.authorization;

import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code claims} request parameter (OpenID Connect Core 5.5) and {@code ui_locales}.
 */
@AuthServerIntegrationTest
class ClaimsParameterIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	HttpUserAgent browser;

	OAuthFlows flows;

	RegisteredClient client;

	@BeforeEach
	void setUp() {
		this.browser = new HttpUserAgent("http://localhost:" + this.port);
		this.flows = new OAuthFlows(this.browser);
		this.client = TestClients.webClient(this.clients, this.secrets, false);
		Accounts.registerAndSignIn(this.browser);
	}

	@Test
	void authorizeWhenClaimRequestedAloneThenReleasedWithItsScopeOnly() throws Exception {
		TokenResponse tokens = signIn(Map.of("claims", "{\"id_token\":{\"email\":{\"essential\":true}}}"));

		JWTClaimsSet idToken = SignedJWT.parse(tokens.get("id_token")).getJWTClaimsSet();
		assertThat(idToken.getStringClaim("email")).isNotBlank();
		assertThat(idToken.getClaim("preferred_username")).isNull();
		assertThat(tokens.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "email");
		// OpenID Connect Core 5.5: asked for in the ID token, so there and not at
		// userinfo;
		// nor the other claims of its scope
		assertThat(idToken.getClaim("email_verified")).isNull();
		assertThat(this.flows.getWithBearer("/userinfo", tokens.get("access_token")).body()).doesNotContainKey("email");
	}

	@Test
	void authorizeWhenClaimRequestedForUserinfoThenThereAndNotInTheIdToken() throws Exception {
		TokenResponse tokens = signIn(Map.of("claims", "{\"userinfo\":{\"email\":null}}"));

		assertThat(SignedJWT.parse(tokens.get("id_token")).getJWTClaimsSet().getClaim("email")).isNull();
		assertThat(this.flows.getWithBearer("/userinfo", tokens.get("access_token")).body()).containsKey("email")
			.doesNotContainKey("email_verified");
	}

	@Test
	void authorizeWhenTheScopeIsAskedForTooThenItsClaimsGoWhereScopeClaimsGo() throws Exception {
		TokenResponse tokens = signIn(Map.of("scope", "openid email", "claims", "{\"userinfo\":{\"email\":null}}"));

		// the scope asked for releases its claims as a scope does, wherever
		assertThat(SignedJWT.parse(tokens.get("id_token")).getJWTClaimsSet().getStringClaim("email")).isNotBlank();
		assertThat(this.flows.getWithBearer("/userinfo", tokens.get("access_token")).body()).containsKeys("email",
				"email_verified");
	}

	@Test
	void authorizeWhenAcrRequestedThatTheSignInSatisfiesThenThatIsTheAcrReturned() throws Exception {
		TokenResponse tokens = signIn(Map.of("claims",
				"{\"id_token\":{\"acr\":{\"values\":[\"urn:example:unknown\",\"urn:latchkey:acr:password\"]}}}"));

		// OpenID Connect Core 5.5.1.1: the first requested value this sign-in satisfies
		assertThat(SignedJWT.parse(tokens.get("id_token")).getJWTClaimsSet().getStringClaim("acr"))
			.isEqualTo("urn:latchkey:acr:password");
	}

	@Test
	void authorizeWhenClaimOfAScopeTheClientLacksThenIgnored() throws Exception {
		TokenResponse tokens = signIn(Map.of("claims", "{\"userinfo\":{\"roles\":null,\"shoe_size\":null}}"));

		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.get("scope")).isEqualTo("openid");
		assertThat(SignedJWT.parse(tokens.get("id_token")).getJWTClaimsSet().getClaim("roles")).isNull();
	}

	@Test
	void authorizeWhenClaimsParameterMalformedThenInvalidRequestToTheClient() {
		for (String malformed : new String[] { "not json", "[1,2]", "{\"id_token\":\"email\"}",
				"{\"userinfo\":{\"email\":true}}" }) {
			Response redirect = this.flows.authorize(this.flows.authorizationUrl(this.client.getClientId(), "openid",
					Pkce.generate(), Map.of("claims", malformed)));

			assertThat(OAuthFlows.redirectParameters(redirect)).as(malformed).containsEntry("error", "invalid_request");
		}
	}

	@Test
	void authorizeWhenMultiFactorAcrEssentialAndPasswordOnlySignInThenAccessDenied() {
		Response redirect = this.flows
			.authorize(this.flows.authorizationUrl(this.client.getClientId(), "openid", Pkce.generate(), Map
				.of("claims", "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:latchkey:acr:mfa\"]}}}")));

		assertThat(OAuthFlows.redirectParameters(redirect)).containsEntry("error", "access_denied");
	}

	@Test
	void authorizeWhenUiLocalesNameALanguageWeDoNotHaveThenTheRequestGoesOnInOurs() {
		TokenResponse tokens = signIn(Map.of("ui_locales", "fr-CA fr"));

		assertThat(tokens.status()).isEqualTo(200);
		assertThat(this.flows.get("/.well-known/openid-configuration", Map.of()).body())
			.containsEntry("claims_parameter_supported", true)
			.containsEntry("ui_locales_supported", java.util.List.of("en", "de"));
	}

	private TokenResponse signIn(Map<String, String> extra) {
		Pkce pkce = Pkce.generate();
		String code = this.flows
			.code(this.flows.authorize(this.flows.authorizationUrl(this.client.getClientId(), "openid", pkce, extra)));
		return this.flows.exchangeCode(this.client.getClientId(), code, pkce.verifier());
	}

}
