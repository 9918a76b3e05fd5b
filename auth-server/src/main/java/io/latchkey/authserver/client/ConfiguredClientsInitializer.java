package io.latchkey.authserver.client;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.latchkey.authserver.client.ConfiguredClientsProperties.ConfiguredClient;
import io.latchkey.authserver.housekeeping.StartupData;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the clients declared in configuration, or brings stored ones up to date with
 * it, at every start. Configuration is their source of truth.
 */
@Component
@Order(1)
class ConfiguredClientsInitializer implements StartupData {

	private static final Log logger = LogFactory.getLog(ConfiguredClientsInitializer.class);

	private final ConfiguredClientsProperties properties;

	private final RegisteredClientRepository clients;

	private final ClientSecrets clientSecrets;

	private final TokenProperties tokens;

	private final ClientRules rules;

	ConfiguredClientsInitializer(ConfiguredClientsProperties properties, RegisteredClientRepository clients,
			ClientSecrets clientSecrets, TokenProperties tokens, ClientRules rules) {
		this.rules = rules;
		this.properties = properties;
		this.clients = clients;
		this.clientSecrets = clientSecrets;
		this.tokens = tokens;
	}

	@Override
	public void ensure() {
		for (ConfiguredClient configured : this.properties.clients()) {
			RegisteredClient existing = this.clients.findByClientId(configured.clientId());
			String id = (existing != null) ? existing.getId() : UUID.randomUUID().toString();
			RegisteredClient client = toRegisteredClient(id, configured);
			try {
				this.clients.save(client);
				logger.info((existing != null ? "Updated" : "Created") + " configured client " + configured.clientId());
			}
			catch (DuplicateKeyException | IllegalArgumentException ex) {
				// another node inserted it between our lookup and our insert (the
				// repository reports that as a duplicate identifier)
				logger.info("Configured client " + configured.clientId() + " was created by another node");
			}
		}
	}

	private RegisteredClient toRegisteredClient(String id, ConfiguredClient configured) {
		ClientDefinition definition = new ClientDefinition(configured.name(), configured.type(),
				configured.redirectUris(), configured.postLogoutRedirectUris(), configured.backchannelLogoutUri(),
				Set.copyOf(configured.scopes()), configured.requireConsent(), configured.requireMultiFactor(),
				this.tokens.accessTokenTimeToLive(), this.tokens.refreshTokenTimeToLive(),
				new ClientOptions(configured.requireProofKey(), false, false, null, false, null, configured.jwkSetUri(),
						List.of(), configured.deviceGrant(), null, null, null, configured.authenticationMethod(),
						configured.rotateRefreshTokens()));
		List<ClientRules.Problem> problems = this.rules.check(definition);
		if (!problems.isEmpty()) {
			throw new IllegalStateException("latchkey.clients: client " + configured.clientId() + ": "
					+ problems.get(0).field() + " (" + problems.get(0).messageKey() + ")");
		}
		String secret = (configured.type() != ClientType.PUBLIC && !definition.options().privateKeyJwt())
				? encodedSecret(configured) : null;
		return RegisteredClients.build(id, configured.clientId(), definition, secret,
				this.tokens.authorizationCodeTimeToLive(), false);
	}

	/**
	 * What to set: config/auth-server.yaml reads each client's secret from a variable
	 * named after the client (sample-client-a: SAMPLE_CLIENT_A_SECRET); the demo's
	 * defaults apply under the demo profile only.
	 */
	static String missingSecret(ConfiguredClient configured) {
		String variable = configured.clientId().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_SECRET";
		return "Configured client " + configured.clientId() + " (" + configured.type().name().toLowerCase(Locale.ROOT)
				+ ") has no secret: set " + variable + " (config/auth-server.yaml reads it), at least 32 characters,"
				+ " for example from openssl rand -base64 32. The demo's secrets apply only with the demo profile.";
	}

	private String encodedSecret(ConfiguredClient configured) {
		if (!StringUtils.hasText(configured.secret())) {
			throw new IllegalStateException(missingSecret(configured));
		}
		try {
			return this.clientSecrets.encode(configured.clientId(), configured.secret());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("latchkey.clients: " + ex.getMessage(), ex);
		}
	}

}
