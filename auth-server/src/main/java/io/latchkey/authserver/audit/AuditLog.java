package io.latchkey.authserver.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes account events and reads them back. Recording joins the caller's transaction
 * when there is one, so an event is stored exactly when what it describes is; each event
 * is appended to the {@link AuditChain}.
 */
@Component
public class AuditLog {

	private static final String SELECT = "select occurred_at, account_id, username, event_type, outcome,"
			+ " client_address, client_id, detail from audit_event";

	private static final int DETAIL_LENGTH = 500;

	private static final int USERNAME_LENGTH = 254;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditChain chain;

	private final TransactionTemplate transactions;

	AuditLog(JdbcClient jdbc, Clock clock, AuditChain chain, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.chain = chain;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	public void record(AuditEventType type, AuditOutcome outcome, UUID accountId, String username) {
		record(type, outcome, accountId, username, null);
	}

	/** Records an event, with the client address of the current request if any. */
	public void record(AuditEventType type, AuditOutcome outcome, UUID accountId, String username, String detail) {
		recordForClient(type, outcome, accountId, username, null, detail);
	}

	/** Records an event that concerns a client (its client id). */
	public void recordForClient(AuditEventType type, AuditOutcome outcome, UUID accountId, String username,
			String clientId, String detail) {
		// as stored: the database keeps microseconds
		Instant occurredAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String address = currentClientAddress();
		String text = truncate(detail, DETAIL_LENGTH);
		this.transactions.executeWithoutResult((status) -> {
			// every event of an account names it, also where the caller knew only its id
			// (the second step, passkeys); the name as it is when the event happens
			String name = truncate((username != null || accountId == null) ? username : usernameOf(accountId),
					USERNAME_LENGTH);
			String previous = this.chain.lockHead();
			String hash = AuditChain.hash(previous, occurredAt, accountId, name, type.name(), outcome.name(), address,
					clientId, text);
			this.jdbc
				.sql("insert into audit_event (occurred_at, account_id, username, event_type, outcome, client_address,"
						+ " client_id, detail, previous_hash, event_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(Timestamp.from(occurredAt), accountId, name, type.name(), outcome.name(), address, clientId,
						text, previous, hash)
				.update();
			this.chain.moveHead(hash);
		});
	}

	private String usernameOf(UUID accountId) {
		return this.jdbc.sql("select username from user_account where id = ?")
			.param(accountId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	/**
	 * Events matching every given criterion (null ones are ignored), newest first, at
	 * most {@code limit}.
	 */
	public List<AuditEvent> search(AuditQuery query, int limit) {
		StringBuilder sql = new StringBuilder(SELECT + " where 1 = 1");
		List<Object> params = new ArrayList<>();
		if (query.username() != null && !query.username().isBlank()) {
			sql.append(" and lower(username) = ?");
			params.add(query.username().trim().toLowerCase(Locale.ROOT));
		}
		if (query.clientId() != null && !query.clientId().isBlank()) {
			sql.append(" and client_id = ?");
			params.add(query.clientId().trim());
		}
		if (query.type() != null) {
			sql.append(" and event_type = ?");
			params.add(query.type().name());
		}
		if (query.from() != null) {
			sql.append(" and occurred_at >= ?");
			params.add(Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			sql.append(" and occurred_at < ?");
			params.add(Timestamp.from(query.to()));
		}
		sql.append(" order by occurred_at desc, id desc limit ?");
		params.add(limit);
		return this.jdbc.sql(sql.toString()).params(params).query(AuditLog::mapEvent).list();
	}

	/** The newest events of one account, newest first. */
	public List<AuditEvent> recentFor(UUID accountId, int limit) {
		return this.jdbc.sql(SELECT + " where account_id = ? order by occurred_at desc, id desc limit ?")
			.params(accountId, limit)
			.query(AuditLog::mapEvent)
			.list();
	}

	private static AuditEvent mapEvent(ResultSet rs, int row) throws SQLException {
		return new AuditEvent(rs.getTimestamp("occurred_at").toInstant(), rs.getObject("account_id", UUID.class),
				rs.getString("username"), AuditEventType.valueOf(rs.getString("event_type")),
				AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("client_address"),
				rs.getString("client_id"), rs.getString("detail"));
	}

	private static String currentClientAddress() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletRequest request = servlet.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

	private static String truncate(String value, int length) {
		return (value != null && value.length() > length) ? value.substring(0, length) : value;
	}

}
