package io.latchkey.authserver.audit;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.latchkey.authserver.crypto.Hashes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit trail as a hash chain: each event's hash covers its fields and the hash of
 * the event before it, so changing, inserting or deleting an event in the middle breaks
 * every link after it. The chain's head is one row, locked while an event is appended,
 * which orders appends from several nodes. Deleting the oldest events (the retention
 * purge) moves the chain's start and is itself an event.
 */
@Component
public class AuditChain {

	/** The head of a chain without events (the migration's). */
	static final String GENESIS = "0".repeat(64);

	private static final int BATCH = 1000;

	private final JdbcClient jdbc;

	AuditChain(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The hash of the chain's newest event, locked until the caller's transaction ends.
	 */
	String lockHead() {
		return this.jdbc.sql("select last_hash from audit_chain where id = 1 for update").query(String.class).single();
	}

	void moveHead(String hash) {
		this.jdbc.sql("update audit_chain set last_hash = ? where id = 1").param(hash).update();
	}

	/**
	 * The hash of an event: SHA-256 over the previous hash and every stored field, each
	 * written with its length so that no two events share an encoding.
	 */
	static String hash(String previous, Instant occurredAt, UUID accountId, String username, String type,
			String outcome, String clientAddress, String clientId, String detail) {
		StringBuilder text = new StringBuilder();
		for (Object field : List.of(previous, ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt),
				String.valueOf(accountId), String.valueOf(username), type, outcome, String.valueOf(clientAddress),
				String.valueOf(clientId), String.valueOf(detail))) {
			String value = field.toString();
			text.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value).append(';');
		}
		return Hashes.sha256Hex(text.toString());
	}

	/**
	 * Checks every chained event from the oldest kept one: each links to the one before
	 * it and its hash matches its fields. Answers the first event that does not.
	 */
	public Verification verify() {
		// events appended while this runs are not checked
		String head = this.jdbc.sql("select last_hash from audit_chain where id = 1").query(String.class).single();
		boolean reachedHead = GENESIS.equals(head);
		long checked = 0;
		long after = 0;
		String previous = null;
		chain: while (true) {
			List<Row> rows = this.jdbc
				.sql("select id, occurred_at, account_id, username, event_type, outcome, client_address, client_id,"
						+ " detail, previous_hash, event_hash from audit_event"
						+ " where event_hash is not null and id > ? order by id limit ?")
				.params(after, BATCH)
				.query((rs, n) -> new Row(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
						rs.getObject("account_id", UUID.class), rs.getString("username"), rs.getString("event_type"),
						rs.getString("outcome"), rs.getString("client_address"), rs.getString("client_id"),
						rs.getString("detail"), rs.getString("previous_hash"), rs.getString("event_hash")))
				.list();
			for (Row row : rows) {
				boolean linked = previous == null || previous.equals(row.previousHash());
				String expected = hash(row.previousHash(), row.occurredAt(), row.accountId(), row.username(),
						row.type(), row.outcome(), row.clientAddress(), row.clientId(), row.detail());
				if (!linked || !expected.equals(row.hash())) {
					return new Verification(checked, row.id(), row.occurredAt(),
							linked ? "its fields do not match its hash: it was changed"
									: "it does not follow the event before it: events were deleted or inserted");
				}
				previous = row.hash();
				after = row.id();
				checked++;
				if (row.hash().equals(head)) {
					reachedHead = true;
					break chain;
				}
			}
			if (rows.size() < BATCH) {
				break;
			}
		}
		return reachedHead ? new Verification(checked, null, null, null)
				: new Verification(checked, null, null, "the newest events were deleted");
	}

	/**
	 * The outcome of a verification: how many events were checked, and the first broken
	 * one (null when the chain is whole) with why.
	 */
	public record Verification(long checked, Long brokenEventId, Instant brokenEventAt,
			String problem) implements Serializable {

		public boolean intact() {
			return this.problem == null;
		}

	}

	private record Row(long id, Instant occurredAt, UUID accountId, String username, String type, String outcome,
			String clientAddress, String clientId, String detail, String previousHash, String hash) {

	}

}
