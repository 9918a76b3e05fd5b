package io.latchkey.authserver.authorization;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;
import io.latchkey.authserver.client.ClientRules;
import io.latchkey.authserver.client.LatchkeyClientSettings;
import io.latchkey.authserver.crypto.Hashes;
import io.latchkey.authserver.housekeeping.Purge;
import io.latchkey.authserver.token.PairwiseSubjects;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * OpenID Connect Back-Channel Logout 1.0, which the library leaves out. When a person's
 * session at Latchkey ends, every client they signed in to that has a back-channel logout
 * URI gets a signed logout token naming them ({@code sub}, pairwise for clients that
 * chose it) and, when one session ended, that session ({@code sid}), so it can end its
 * own session. Tokens are queued in the database and posted in the background; a failed
 * delivery is tried again with growing waits (10 s, 20 s, 40 s, ...) up to
 * {@link #MAX_ATTEMPTS} times, and every outcome is recorded in the audit trail. Any node
 * may deliver: a row is claimed with a conditional update before it is sent.
 */
@Component
public class BackChannelLogout implements Purge, SchedulingConfigurer {

	static final int MAX_ATTEMPTS = 6;

	static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

	private static final Duration FIRST_RETRY = Duration.ofSeconds(10);

	private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(2);

	private static final Log logger = LogFactory.getLog(BackChannelLogout.class);

	private final JdbcClient jdbc;

	private final RegisteredClientRepository clients;

	private final NimbusJwtEncoder encoder;

	private final AuthorizationServerSettings settings;

	private final AuditLog audit;

	private final Clock clock;

	private final Executor executor;

	private final RestClient http;

	private final AtomicBoolean scheduledRunning = new AtomicBoolean();

	private final Duration retryDelay;

	private final PairwiseSubjects pairwiseSubjects;

	private final MeterRegistry meters;

	BackChannelLogout(JdbcClient jdbc, RegisteredClientRepository clients, JWKSource<SecurityContext> keys,
			AuthorizationServerSettings settings, AuditLog audit, Clock clock, Executor logoutExecutor,
			PairwiseSubjects pairwiseSubjects, MeterRegistry meters, RestClient.Builder http,
			LogoutProperties properties) {
		this.retryDelay = properties.backchannelRetryDelay();
		// the configured timeouts (spring.http.clients): a client that never answers
		// holds
		// a delivery thread for the read timeout, not for ever
		this.http = http.build();
		this.meters = meters;
		this.pairwiseSubjects = pairwiseSubjects;
		this.jdbc = jdbc;
		this.clients = clients;
		this.encoder = new NimbusJwtEncoder(keys);
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
		this.executor = logoutExecutor;
	}

	/**
	 * Every session of the person ended (password reset, lock, deletion): the logout
	 * tokens name only the person, so each client ends all its sessions of theirs.
	 */
	public void sessionEnded(String principalName) {
		queue(principalName, null);
	}

	/**
	 * The person removed one application's access: the logout token goes to that
	 * application only and names only the person, so it ends all its sessions of theirs.
	 */
	public void accessRemoved(String principalName, String registeredClientId) {
		queue(principalName,
				this.jdbc
					.sql("select distinct registered_client_id from oauth2_authorization where principal_name = ?"
							+ " and registered_client_id = ?")
					.params(principalName, registeredClientId)
					.query(String.class)
					.list(),
				null);
	}

	/**
	 * One session of the person ended (they signed out): the logout tokens also carry its
	 * {@code sid}, the value our ID tokens from that session carry, so clients end only
	 * the sessions that began there (Back-Channel Logout 1.0 section 2.4).
	 */
	public void sessionEnded(String principalName, String sessionId) {
		String sid = sessionIdHash(sessionId);
		queue(principalName, sid);
		endOnlineGrants(principalName, sid);
	}

	/**
	 * The grants made in the ended session end with it, unless the person allowed
	 * {@code offline_access} (OpenID Connect Core 11): their refresh tokens would
	 * otherwise outlive the sign-out.
	 */
	private void endOnlineGrants(String principalName, String sid) {
		this.jdbc
			.sql("delete from oauth2_authorization where principal_name = ? and oidc_id_token_metadata like ?"
					+ " and (authorized_scopes is null or ',' || authorized_scopes || ',' not like ?)")
			.params(principalName, "%" + sid + "%", "%," + ClientRules.OFFLINE_ACCESS + ",%")
			.update();
	}

	/**
	 * Queues a logout token for every client with a back-channel logout URI that took
	 * part: when one session ended, the clients whose ID tokens came from it
	 * (Back-Channel Logout 1.0 section 2.7: only they know its {@code sid}); when every
	 * session ended, every client holding an authorization of the person's. Then starts
	 * sending.
	 */
	private void queue(String principalName, String sid) {
		queue(principalName, (sid != null)
				? this.jdbc
					.sql("select distinct registered_client_id from oauth2_authorization where principal_name = ?"
							+ " and oidc_id_token_metadata like ?")
					// the hash of the session id is in the stored claims of those ID
					// tokens
					.params(principalName, "%" + sid + "%")
					.query(String.class)
					.list()
				: this.jdbc
					.sql("select distinct registered_client_id from oauth2_authorization where principal_name = ?")
					.param(principalName)
					.query(String.class)
					.list(),
				sid);
	}

	private void queue(String principalName, List<String> registeredClientIds, String sid) {
		Instant now = this.clock.instant();
		String issuer = issuer();
		boolean queued = false;
		for (String id : registeredClientIds) {
			RegisteredClient client = this.clients.findById(id);
			String logoutUri = (client != null) ? LatchkeyClientSettings.of(client).backChannelLogoutUri() : null;
			if (logoutUri == null || logoutUri.isBlank()) {
				continue;
			}
			this.jdbc
				.sql("insert into backchannel_logout_delivery (client_id, logout_uri, logout_token, next_attempt_at,"
						+ " created_at) values (?, ?, ?, ?, ?)")
				.params(client.getClientId(), logoutUri,
						logoutToken(client, this.pairwiseSubjects.subjectFor(client, principalName), sid, issuer, now),
						Timestamp.from(now), Timestamp.from(now))
				.update();
			queued = true;
		}
		if (queued) {
			this.executor.execute(this::deliverDue);
		}
	}

	/**
	 * Hands the due deliveries to the logout threads: the scheduler's thread, which key
	 * rotation and the purges share, never waits for a client.
	 */
	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::scheduleDelivery, this.retryDelay);
	}

	void scheduleDelivery() {
		// one scheduled run at a time: slow clients must not pile runs up in the queue
		if (this.scheduledRunning.compareAndSet(false, true)) {
			this.executor.execute(() -> {
				try {
					deliverDue();
				}
				finally {
					this.scheduledRunning.set(false);
				}
			});
		}
	}

	/** Posts every due logout token once; runs on every node, claiming rows first. */
	void deliverDue() {
		Instant now = this.clock.instant();
		List<Map<String, Object>> due = this.jdbc
			.sql("select id, client_id, logout_uri, logout_token, attempts, next_attempt_at"
					+ " from backchannel_logout_delivery where delivered_at is null and given_up_at is null"
					+ " and next_attempt_at <= ? order by next_attempt_at limit 50")
			.param(Timestamp.from(now))
			.query()
			.listOfRows();
		for (Map<String, Object> row : due) {
			int attempts = ((Number) row.get("attempts")).intValue() + 1;
			Instant retryAt = now.plus(FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 10)));
			// claim the row: another node that read it too finds it changed and skips it
			int claimed = this.jdbc
				.sql("update backchannel_logout_delivery set attempts = ?, next_attempt_at = ?"
						+ " where id = ? and attempts = ? and delivered_at is null")
				.params(attempts, Timestamp.from(retryAt), row.get("id"), attempts - 1)
				.update();
			if (claimed == 1) {
				deliver(((Number) row.get("id")).longValue(), (String) row.get("client_id"),
						(String) row.get("logout_uri"), (String) row.get("logout_token"), attempts);
			}
		}
	}

	private void deliver(long id, String clientId, String uri, String token, int attempts) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("logout_token", token);
		try {
			this.http.post()
				.uri(uri)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.retrieve()
				.toBodilessEntity();
			this.jdbc.sql("update backchannel_logout_delivery set delivered_at = ?, last_error = null where id = ?")
				.params(Timestamp.from(this.clock.instant()), id)
				.update();
			this.audit.recordForClient(AuditEventType.BACKCHANNEL_LOGOUT_SENT, AuditOutcome.SUCCESS, null, null,
					clientId, "delivered to " + uri);
			delivery("delivered");
		}
		catch (RuntimeException ex) {
			String error = truncate(ex.getMessage());
			boolean givingUp = attempts >= MAX_ATTEMPTS;
			this.jdbc.sql("update backchannel_logout_delivery set last_error = ?, given_up_at = ? where id = ?")
				.params(error, givingUp ? Timestamp.from(this.clock.instant()) : null, id)
				.update();
			logger.warn("Back-channel logout to " + uri + " failed (attempt " + attempts + "): " + error);
			delivery(givingUp ? "given_up" : "failed");
			if (givingUp) {
				this.audit.recordForClient(AuditEventType.BACKCHANNEL_LOGOUT_SENT, AuditOutcome.FAILURE, null, null,
						clientId, "gave up after " + attempts + " attempts: " + error);
			}
		}
	}

	/** {@code latchkey.backchannel_logouts}: each attempt, by how it went. */
	private void delivery(String outcome) {
		Counter.builder("latchkey.backchannel_logouts")
			.description("Back-channel logout deliveries by outcome (failed ones are tried again)")
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	@Override
	public String name() {
		return "ended back-channel logout deliveries";
	}

	/** Deletes deliveries that ended more than a day ago. */
	@Override
	public int purge(Instant now) {
		Timestamp before = Timestamp.from(now.minus(Duration.ofDays(1)));
		return this.jdbc.sql("delete from backchannel_logout_delivery where delivered_at < ? or given_up_at < ?")
			.params(before, before)
			.update();
	}

	/** The session's {@code sid} as the library writes it into ID tokens. */
	static String sessionIdHash(String sessionId) {
		return Hashes.sha256Base64Url(sessionId);
	}

	private String logoutToken(RegisteredClient client, String subject, String sid, String issuer, Instant now) {
		Map<String, Object> events = Map.of(EVENT, Map.of());
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(issuer)
			.subject(subject)
			.audience(new ArrayList<>(List.of(client.getClientId())))
			.issuedAt(now)
			.expiresAt(now.plus(TOKEN_LIFETIME))
			.id(UUID.randomUUID().toString())
			.claim("events", events);
		if (sid != null) {
			claims.claim("sid", sid);
		}
		// typed as the specification recommends (section 2.4)
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("logout+jwt").build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
	}

	private String issuer() {
		String configured = this.settings.getIssuer();
		return (configured != null) ? configured : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
	}

	private static String truncate(String message) {
		return (message != null && message.length() > 500) ? message.substring(0, 500) : message;
	}

}
