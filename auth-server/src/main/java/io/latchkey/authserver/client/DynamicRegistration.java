package io.latchkey.authserver.client;

import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientConfigurationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationValidator;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.stereotype.Component;

/**
 * Our policy for the library's OpenID Connect Dynamic Client Registration endpoint: the
 * portal's metadata rules, our client settings, secrets stored like every other client
 * secret. The endpoint itself, and reading a registration back with its registration
 * access token, are the library's.
 */
@Component
public class DynamicRegistration {

	private final ClientRules rules;

	private final ClientSecrets secrets;

	private final SectorIdentifiers sectors;

	private final NewClientDefaults defaults;

	private final MessageSource messages;

	private final TokenProperties tokens;

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationService authorizations;

	DynamicRegistration(ClientRules rules, ClientSecrets secrets, SectorIdentifiers sectors, NewClientDefaults defaults,
			MessageSource messages, TokenProperties tokens, RegisteredClientRepository clients,
			OAuth2AuthorizationService authorizations) {
		this.tokens = tokens;
		this.clients = clients;
		this.authorizations = authorizations;
		this.sectors = sectors;
		this.rules = rules;
		this.secrets = secrets;
		this.defaults = defaults;
		this.messages = messages;
	}

	/**
	 * A problem with metadata as an {@code error_description} (RFC 7591 section 3.2.2).
	 */
	String describe(ClientRules.Problem problem) {
		return DynamicRegistrationRules.describe(problem, this.messages);
	}

	/** The client an update of its registration (RFC 7592 section 2.2) describes. */
	ClientDefinition definitionOf(OidcClientRegistration metadata) {
		return DynamicRegistrationRules.definitionOf(metadata, this.defaults);
	}

	/** Reads registration requests (keys by value, sentences for bad bodies). */
	public AuthenticationConverter requestConverter() {
		return new RegistrationRequests();
	}

	/** Applies the policy to the endpoint's authentication providers. */
	public void configure(List<AuthenticationProvider> providers) {
		// registration access tokens that last as long as the client (the library's
		// expire with the client's access token lifetime)
		providers.replaceAll((provider) -> (provider instanceof OidcClientRegistrationAuthenticationProvider)
				? new OidcClientRegistrationAuthenticationProvider(this.clients, this.authorizations,
						RegistrationAccessTokens.generator())
				: provider);
		for (AuthenticationProvider provider : providers) {
			if (provider instanceof OidcClientRegistrationAuthenticationProvider registration) {
				registration.setAuthenticationValidator(
						new DynamicRegistrationRules(this.rules, this.sectors, this.defaults, this.messages)
							.andThen(OidcClientRegistrationAuthenticationValidator.DEFAULT_JWK_SET_URI_VALIDATOR));
				registration.setRegisteredClientConverter(new DynamicRegistrationConverter(this.defaults, this.tokens));
				registration.setClientRegistrationConverter(new RegistrationMetadata());
				registration.setPasswordEncoder(this.secrets.passwordEncoder());
			}
			if (provider instanceof OidcClientConfigurationAuthenticationProvider configuration) {
				configuration.setClientRegistrationConverter(new RegistrationMetadata());
			}
		}
	}

}
