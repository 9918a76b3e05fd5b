package io.latchkey.authserver.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.latchkey.authserver.support.BoundProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRulesTests {

	private final ClientRules rules = new ClientRules(BoundProperties.bind(TokenProperties.class, "latchkey.tokens",
			Map.of("latchkey.tokens.resources[0].audience", "messages-api", "latchkey.tokens.resources[0].scopes",
					"messages.read")));

	@ParameterizedTest
	@ValueSource(strings = { "https://app.example.com/callback", "https://app.example.com:8443/cb?tenant=a",
			"http://127.0.0.1:8080/callback", "http://localhost/callback", "http://[::1]:9000/cb" })
	void redirectUriWhenHttpsOrLoopbackHttpThenAcceptedForEveryType(String uri) {
		assertThat(ClientRules.isAcceptableRedirectUri(uri, ClientType.WEB)).isTrue();
		assertThat(ClientRules.isAcceptableRedirectUri(uri, ClientType.PUBLIC)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://app.example.com/callback", "https://app.example.com/cb#fragment", "/callback",
			"app.example.com/callback", "https://*.example.com/cb", "https://user:pw@app.example.com/cb",
			"javascript:alert(1)", "data:text/html,hi", "", " https://app.example.com/cb", "https:///nohost" })
	void redirectUriWhenNotAbsoluteHttpsOrHasFragmentOrWildcardThenRefused(String uri) {
		assertThat(ClientRules.isAcceptableRedirectUri(uri, ClientType.WEB)).isFalse();
		assertThat(ClientRules.isAcceptableRedirectUri(uri, ClientType.PUBLIC)).isFalse();
	}

	@Test
	void redirectUriWhenPrivateUseSchemeThenOnlyNativeAppsInReverseDomainForm() {
		assertThat(ClientRules.isAcceptableRedirectUri("com.example.app:/oauth2redirect", ClientType.PUBLIC)).isTrue();
		assertThat(ClientRules.isAcceptableRedirectUri("com.example.app:/oauth2redirect", ClientType.WEB)).isFalse();
		assertThat(ClientRules.isAcceptableRedirectUri("myapp:/callback", ClientType.PUBLIC)).isFalse();
		assertThat(ClientRules.isAcceptableRedirectUri("com.example.app:callback", ClientType.PUBLIC)).isFalse();
	}

	@Test
	void checkWhenTheNameHoldsAControlCharacterOrANoncharacterThenRefused() {
		for (String name : List.of("App\u0007", "\uffff", "App\r\nX-Injected: 1")) {
			ClientDefinition client = new ClientDefinition(name, ClientType.WEB, List.of("https://app.example.com/cb"),
					List.of(), null, Set.of("openid"), false, false, Duration.ofMinutes(5), Duration.ofHours(8));

			assertThat(this.rules.check(client)).extracting(ClientRules.Problem::messageKey)
				.as(name)
				.containsExactly("client.name.invalid");
		}
		assertThat(this.rules
			.check(new ClientDefinition("Café ☕ 日本", ClientType.WEB, List.of("https://app.example.com/cb"), List.of(),
					null, Set.of("openid"), false, false, Duration.ofMinutes(5), Duration.ofHours(8))))
			.isEmpty();
	}

	@Test
	void checkWhenDefinitionValidThenNoProblems() {
		assertThat(this.rules.check(web(List.of("https://app.example.com/cb"), Set.of("openid", "messages.read"))))
			.isEmpty();
	}

	@Test
	void checkWhenScopeUnknownOrOpenidMissingOrLifetimesOutOfRangeThenEachSaysSo() {
		ClientDefinition client = new ClientDefinition("App", ClientType.WEB, List.of("https://app.example.com/cb"),
				List.of("http://evil.example.com/"), "ftp://x", Set.of("admin.everything"), false, false,
				Duration.ofHours(2), Duration.ofDays(90));

		assertThat(this.rules.check(client)).extracting(ClientRules.Problem::messageKey)
			.containsExactlyInAnyOrder("client.redirect-uri.invalid", "client.backchannel-uri.invalid",
					"client.scope.unknown", "client.scope.openid", "client.access-token.range",
					"client.refresh-token.range");
	}

	@Test
	void checkWhenServiceHasRedirectUrisOrWebHasNoneThenRefused() {
		ClientDefinition service = new ClientDefinition("Svc", ClientType.SERVICE,
				List.of("https://app.example.com/cb"), List.of(), null, Set.of("messages.read"), false, false,
				Duration.ofMinutes(5), Duration.ofHours(8));

		assertThat(this.rules.check(service)).extracting(ClientRules.Problem::messageKey)
			.containsExactly("client.redirect-uri.service");
		assertThat(this.rules.check(web(List.of(), Set.of("openid")))).extracting(ClientRules.Problem::messageKey)
			.containsExactly("client.redirect-uri.required");
	}

	@Test
	void checkWhenTooManyOrTooLongUrisThenRefusedBeforeTheyCanOverflowStorage() {
		List<String> eleven = java.util.stream.IntStream.range(0, 11)
			.mapToObj((i) -> "https://app.example.com/cb" + i)
			.toList();

		assertThat(this.rules.check(web(eleven, Set.of("openid")))).extracting(ClientRules.Problem::messageKey)
			.containsExactly("client.uris.too-many");
		assertThat(this.rules.check(web(List.of("https://app.example.com/" + "x".repeat(300)), Set.of("openid"))))
			.extracting(ClientRules.Problem::messageKey)
			.containsExactly("client.uris.too-many");
	}

	private static ClientDefinition web(List<String> redirectUris, Set<String> scopes) {
		return new ClientDefinition("App", ClientType.WEB, redirectUris, List.of(), null, scopes, false, false,
				Duration.ofMinutes(5), Duration.ofHours(8));
	}

}
