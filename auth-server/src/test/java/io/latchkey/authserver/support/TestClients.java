package io.latchkey.authserver.support;

import java.time.Duration;
import java.util.UUID;

import io.latchkey.authserver.client.ClientSecrets;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** Client registrations for tests, stored through the real repository. */
public final class TestClients {

	public static final String SECRET = "test-client-secret-of-at-least-32-characters";

	public static final String REDIRECT_URI = "http://127.0.0.1:8080/callback";

	private TestClients() {
	}

	/** A confidential web client: code + PKCE, refresh tokens, no consent page. */
	public static RegisteredClient webClient(RegisteredClientRepository clients, ClientSecrets secrets,
			boolean requireConsent) {
		String id = UUID.randomUUID().toString();
		RegisteredClient client = RegisteredClient.withId(id)
			.clientId("web-" + id.substring(0, 8))
			.clientName("Test Web App")
			.clientSecret(secrets.encode(id, SECRET))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri(REDIRECT_URI)
			.postLogoutRedirectUri("http://127.0.0.1:8080/")
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.scope(OidcScopes.EMAIL)
			.scope("messages.read")
			.clientSettings(
					ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(requireConsent).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(Duration.ofMinutes(5))
				.reuseRefreshTokens(false)
				.build())
			.build();
		clients.save(client);
		return client;
	}

	/** A service client: client_credentials only. */
	public static RegisteredClient serviceClient(RegisteredClientRepository clients, ClientSecrets secrets) {
		String id = UUID.randomUUID().toString();
		RegisteredClient client = RegisteredClient.withId(id)
			.clientId("service-" + id.substring(0, 8))
			.clientName("Test Service")
			.clientSecret(secrets.encode(id, SECRET))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("messages.read")
			.scope("messages.write")
			.build();
		clients.save(client);
		return client;
	}

}
