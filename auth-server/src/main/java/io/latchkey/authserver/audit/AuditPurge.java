package io.latchkey.authserver.audit;

import java.sql.Timestamp;
import java.time.Instant;

import io.latchkey.authserver.housekeeping.Purge;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes events older than the retention ({@code latchkey.audit.retention}), and says so
 * in the trail: the chain then starts at the oldest kept event. Safe on several nodes:
 * the node that deleted nothing records nothing.
 */
@Component
class AuditPurge implements Purge {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final AuditProperties properties;

	AuditPurge(JdbcClient jdbc, AuditLog audit, AuditProperties properties) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "audit events past their retention";
	}

	@Override
	public int purge(Instant now) {
		Instant before = now.minus(this.properties.retention());
		int deleted = this.jdbc.sql("delete from audit_event where occurred_at < ?")
			.param(Timestamp.from(before))
			.update();
		if (deleted > 0) {
			this.audit.record(AuditEventType.AUDIT_PURGED, AuditOutcome.SUCCESS, null, null, deleted
					+ " events from before " + before + " deleted (retention " + this.properties.retention() + ")");
		}
		return deleted;
	}

}
