package io.latchkey.authserver.client;

import java.util.List;
import java.util.Map;

import io.latchkey.authserver.support.BoundProperties;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's defaults decide what registration metadata leaves out, and only that. */
class NewClientDefaultsTests {

	private static final NewClientDefaults RELAXED = new NewClientDefaults(false);

	@Test
	void defaultsWhenNotConfiguredThenStrict() {
		assertThat(BoundProperties.bind(NewClientDefaults.class, "latchkey.new-clients", Map.of()).requireProofKey())
			.isTrue();
	}

	@Test
	void registrationWhenSilentOnPkceThenTheServerDefault() {
		OidcClientRegistration silent = registration().build();

		assertThat(DynamicRegistrationRules.optionsOf(silent, RELAXED).requireProofKey()).isFalse();
		assertThat(DynamicRegistrationRules.optionsOf(silent, new NewClientDefaults(true)).requireProofKey()).isTrue();
	}

	@Test
	void registrationWhenItChoosesThenItsChoiceOverTheDefault() {
		OidcClientRegistration strict = registration().claim(DynamicRegistrationRules.REQUIRE_PKCE, true).build();

		assertThat(DynamicRegistrationRules.optionsOf(strict, RELAXED).requireProofKey()).isTrue();
	}

	private static OidcClientRegistration.Builder registration() {
		return OidcClientRegistration.builder()
			.redirectUris((uris) -> uris.addAll(List.of("https://app.example.com/cb")))
			.clientName("App");
	}

}
