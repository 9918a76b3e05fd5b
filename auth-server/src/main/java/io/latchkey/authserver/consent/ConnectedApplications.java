package io.latchkey.authserver.consent;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;
import io.latchkey.authserver.client.ClientHosts;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The applications a person let in: every client they consented to, and every client that
 * holds tokens of theirs without having asked (one registered not to ask for consent).
 * Removing one forgets the consent and ends the client's tokens for the person
 * ({@link ApplicationAccessRemoved}), so it must ask again.
 */
@Component
class ConnectedApplications {

	private static final String SCOPE_AUTHORITY = "SCOPE_";

	private final JdbcClient jdbc;

	private final RegisteredClientRepository clients;

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	ConnectedApplications(JdbcClient jdbc, RegisteredClientRepository clients, ApplicationEventPublisher events,
			AuditLog audit) {
		this.jdbc = jdbc;
		this.clients = clients;
		this.events = events;
		this.audit = audit;
	}

	/** The person's connected applications, the most recently used first. */
	List<ConnectedApplication> of(UUID accountId) {
		String principal = accountId.toString();
		Map<String, Grant> grants = new LinkedHashMap<>();
		this.jdbc
			.sql("select registered_client_id, authorities, granted_at from oauth2_authorization_consent"
					+ " where principal_name = ?")
			.param(principal)
			.query((ResultSet row) -> {
				Grant grant = grants.computeIfAbsent(row.getString(1), (id) -> new Grant());
				grant.since = row.getTimestamp(3).toInstant();
				for (String authority : StringUtils.commaDelimitedListToSet(row.getString(2))) {
					if (authority.startsWith(SCOPE_AUTHORITY)) {
						grant.scopes.add(authority.substring(SCOPE_AUTHORITY.length()));
					}
				}
			});
		// only authorizations that were granted (a code or a token), not requests still
		// waiting for the person
		this.jdbc
			.sql("select registered_client_id, authorized_scopes, created_at from oauth2_authorization"
					+ " where principal_name = ? and (authorization_code_value is not null"
					+ " or access_token_value is not null or refresh_token_value is not null)")
			.param(principal)
			.query((ResultSet row) -> {
				Grant grant = grants.computeIfAbsent(row.getString(1), (id) -> new Grant());
				Instant created = row.getTimestamp(3).toInstant();
				grant.lastUsed = (grant.lastUsed == null || created.isAfter(grant.lastUsed)) ? created : grant.lastUsed;
				grant.since = (grant.since == null || created.isBefore(grant.since)) ? created : grant.since;
				grant.scopes.addAll(StringUtils.commaDelimitedListToSet(row.getString(2)));
			});
		List<ConnectedApplication> applications = new ArrayList<>();
		grants.forEach((registeredClientId, grant) -> {
			RegisteredClient client = this.clients.findById(registeredClientId);
			if (client != null) {
				grant.scopes.remove(OidcScopes.OPENID);
				applications
					.add(new ConnectedApplication(registeredClientId, client.getClientName(), ClientHosts.of(client),
							List.copyOf(grant.scopes), Objects.requireNonNull(grant.since), grant.lastUsed));
			}
		});
		applications.sort(Comparator.comparing(ConnectedApplication::lastActivity).reversed());
		return applications;
	}

	/**
	 * Withdraws the application's access: its consent, its tokens for the person (it
	 * hears of it over the back channel where it has one), recorded in the audit trail.
	 * Returns the application's name, or null when it was not connected.
	 */
	@Transactional
	@Nullable String remove(UUID accountId, String registeredClientId) {
		ConnectedApplication application = of(accountId).stream()
			.filter((candidate) -> candidate.registeredClientId().equals(registeredClientId))
			.findFirst()
			.orElse(null);
		if (application == null) {
			return null;
		}
		String principal = accountId.toString();
		this.jdbc.sql("delete from oauth2_authorization_consent where principal_name = ? and registered_client_id = ?")
			.params(principal, registeredClientId)
			.update();
		this.events.publishEvent(new ApplicationAccessRemoved(principal, registeredClientId));
		RegisteredClient client = this.clients.findById(registeredClientId);
		this.audit.recordForClient(AuditEventType.APPLICATION_ACCESS_REMOVED, AuditOutcome.SUCCESS, accountId, null,
				(client != null) ? client.getClientId() : null, null);
		return application.name();
	}

	/**
	 * One connected application.
	 *
	 * @param registeredClientId its registration id (what the remove form posts)
	 * @param name its registered name
	 * @param host the host of its redirect URIs, or null
	 * @param scopes what the person allowed, in the consent page's order
	 * @param since when it was first allowed
	 * @param lastUsed when it last got a code or token, or null when it holds none
	 */
	record ConnectedApplication(String registeredClientId, String name, @Nullable String host, List<String> scopes,
			Instant since, @Nullable Instant lastUsed) {

		Instant lastActivity() {
			return (this.lastUsed != null) ? this.lastUsed : this.since;
		}

	}

	private static final class Grant {

		private final TreeSet<String> scopes = new TreeSet<>(ScopeOrder.SCOPES);

		private @Nullable Instant since;

		private @Nullable Instant lastUsed;

	}

}
