package io.latchkey.authserver.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers, changes and removes clients for the developer portal, dynamic registration
 * and the admin console, and remembers who owns each. Secrets are generated here,
 * returned once and only stored hashed.
 */
@Service
public class ClientRegistrations {

	/** The longest a previous secret may keep working after a rotation. */
	public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(30);

	private final CachingRegisteredClientRepository clients;

	private final ClientRules rules;

	private final SectorIdentifiers sectors;

	private final ClientSecrets secrets;

	private final TokenProperties tokens;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	ClientRegistrations(CachingRegisteredClientRepository clients, ClientRules rules, ClientSecrets secrets,
			TokenProperties tokens, JdbcClient jdbc, AuditLog audit, Clock clock, SectorIdentifiers sectors) {
		this.sectors = sectors;
		this.clients = clients;
		this.rules = rules;
		this.secrets = secrets;
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	public ClientRules rules() {
		return this.rules;
	}

	/**
	 * Registers a client owned by the account; answers the problems, or the client and
	 * its secret (null for public clients), which is never readable again.
	 */
	@Transactional
	public Registered register(ClientDefinition definition, UUID ownerId, String ownerName) {
		List<ClientRules.Problem> problems = problemsOf(definition);
		if (!problems.isEmpty()) {
			return new Registered(null, null, problems);
		}
		String id = UUID.randomUUID().toString();
		String clientId = "lk-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
		String secret = (definition.type() != ClientType.PUBLIC && !definition.options().privateKeyJwt())
				? ClientSecrets.generate() : null;
		RegisteredClient client = RegisteredClients.build(id, clientId, definition,
				(secret != null) ? this.secrets.encode(clientId, secret) : null,
				this.tokens.authorizationCodeTimeToLive(), false);
		this.clients.save(client);
		this.jdbc.sql("insert into client_owner (registered_client_id, account_id) values (?, ?)")
			.params(id, ownerId)
			.update();
		record(AuditEventType.CLIENT_REGISTERED, ownerId, ownerName, clientId, definition.type().name());
		return new Registered(client, secret, List.of());
	}

	/**
	 * Changes what the client is; its identifiers, secret, type and whatever else the
	 * definition does not describe stay ({@link RegisteredClients#rebuild}).
	 */
	@Transactional
	public List<ClientRules.Problem> update(RegisteredClient existing, ClientDefinition definition, UUID byId,
			String byName) {
		ClientDefinition sameType = new ClientDefinition(definition.name(), RegisteredClients.typeOf(existing),
				definition.redirectUris(), definition.postLogoutRedirectUris(), definition.backchannelLogoutUri(),
				definition.scopes(), definition.requireConsent(), definition.requireMultiFactor(),
				definition.accessTokenTimeToLive(), definition.refreshTokenTimeToLive(), definition.options());
		List<ClientRules.Problem> problems = problemsOf(sameType);
		if (!problems.isEmpty()) {
			return problems;
		}
		this.clients.save(RegisteredClients.rebuild(existing, sameType));
		record(AuditEventType.CLIENT_UPDATED, byId, byName, existing.getClientId(), null);
		return List.of();
	}

	/** The rules' verdict, then (only if they pass) the sector identifier's. */
	private List<ClientRules.Problem> problemsOf(ClientDefinition definition) {
		List<ClientRules.Problem> problems = this.rules.check(definition);
		return problems.isEmpty() ? this.sectors.check(definition) : problems;
	}

	/**
	 * Gives the client a new secret; the previous one keeps working for the grace period
	 * (at most {@link #MAX_GRACE_PERIOD}). Answers the new secret, shown once.
	 */
	@Transactional
	public String rotateSecret(RegisteredClient existing, Duration gracePeriod, UUID byId, String byName) {
		if (existing.getClientSecret() == null) {
			throw new IllegalArgumentException("A public client has no secret");
		}
		Duration grace = (gracePeriod.compareTo(MAX_GRACE_PERIOD) > 0) ? MAX_GRACE_PERIOD
				: (gracePeriod.isNegative() ? Duration.ZERO : gracePeriod);
		String secret = ClientSecrets.generate();
		String encoded = this.secrets.encodeRotation(existing.getClientId(), secret, existing.getClientSecret(),
				this.clock.instant().plus(grace));
		this.clients.save(RegisteredClient.from(existing).clientSecret(encoded).build());
		record(AuditEventType.CLIENT_SECRET_ROTATED, byId, byName, existing.getClientId(),
				"previous secret valid for " + grace);
		return secret;
	}

	/** Deletes the client with every authorization and consent it holds. */
	@Transactional
	public void delete(RegisteredClient existing, UUID byId, String byName) {
		this.jdbc.sql("delete from oauth2_authorization where registered_client_id = ?")
			.param(existing.getId())
			.update();
		this.jdbc.sql("delete from oauth2_authorization_consent where registered_client_id = ?")
			.param(existing.getId())
			.update();
		this.clients.delete(existing.getId());
		record(AuditEventType.CLIENT_DELETED, byId, byName, existing.getClientId(), null);
	}

	/** A disabled client is unknown to every protocol endpoint until enabled again. */
	@Transactional
	public void setDisabled(RegisteredClient existing, boolean disabled, UUID byId, String byName) {
		this.clients.save(RegisteredClient.from(existing)
			.clientSettings(LatchkeyClientSettings
				.writeTo(ClientSettings.withSettings(existing.getClientSettings().getSettings()))
				.disabled(disabled)
				.and()
				.build())
			.build());
		if (disabled) {
			this.jdbc.sql("delete from oauth2_authorization where registered_client_id = ?")
				.param(existing.getId())
				.update();
		}
		record(disabled ? AuditEventType.CLIENT_DISABLED : AuditEventType.CLIENT_ENABLED, byId, byName,
				existing.getClientId(), null);
	}

	/** The client with this id, enabled or not. */
	public Optional<RegisteredClient> findById(String id) {
		return Optional.ofNullable(this.clients.findById(id));
	}

	/** The clients the account owns. */
	public List<RegisteredClient> ownedBy(UUID ownerId) {
		return this.jdbc.sql("select registered_client_id from client_owner where account_id = ?")
			.param(ownerId)
			.query(String.class)
			.list()
			.stream()
			.map(this.clients::findById)
			.filter((client) -> client != null)
			.sorted((a, b) -> a.getClientName().compareToIgnoreCase(b.getClientName()))
			.toList();
	}

	public boolean isOwnedBy(RegisteredClient client, UUID accountId) {
		return this.jdbc.sql("select count(*) from client_owner where registered_client_id = ? and account_id = ?")
			.params(client.getId(), accountId)
			.query(Long.class)
			.single() > 0;
	}

	/** Every client, by name, a page at a time (for administrators). */
	public List<RegisteredClient> all(int page, int size) {
		return this.jdbc.sql("select id from oauth2_registered_client order by client_name, id limit ? offset ?")
			.params(size, Math.max(page, 0) * size)
			.query(String.class)
			.list()
			.stream()
			.map(this.clients::findById)
			.filter((client) -> client != null)
			.toList();
	}

	/** The owner's username, if the client has an owner with an account. */
	public Optional<String> ownerName(RegisteredClient client) {
		return this.jdbc
			.sql("select a.username from client_owner o join user_account a on a.id = o.account_id"
					+ " where o.registered_client_id = ?")
			.param(client.getId())
			.query(String.class)
			.optional();
	}

	public Optional<Instant> previousSecretValidUntil(RegisteredClient client) {
		return Optional.ofNullable(this.secrets.previousSecretValidUntil(client.getClientSecret()));
	}

	private void record(AuditEventType type, UUID byId, String byName, String clientId, String detail) {
		this.audit.recordForClient(type, AuditOutcome.SUCCESS, byId, byName, clientId, detail);
	}

	/**
	 * The outcome of a registration.
	 *
	 * @param client the registered client, or null when there were problems
	 * @param secret its secret in clear, shown once; null for public clients
	 * @param problems what was wrong with the definition
	 */
	public record Registered(RegisteredClient client, String secret, List<ClientRules.Problem> problems) {

	}

}
