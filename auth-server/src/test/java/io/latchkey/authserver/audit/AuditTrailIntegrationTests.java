package io.latchkey.authserver.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.latchkey.authserver.audit.AuditChain.Verification;
import io.latchkey.authserver.support.AtOnce;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail is tamper-evident and bounded: each event holds the hash of the one
 * before it, so a changed, deleted or inserted event is found and named, also after
 * events are appended at the same moment (several nodes); events past the retention are
 * deleted, and the deletion is itself an event the chain goes on from. Each test that
 * tampers puts the row back.
 */
@AuthServerIntegrationTest
class AuditTrailIntegrationTests {

	@Autowired
	AuditLog audit;

	@Autowired
	AuditChain chain;

	@Autowired
	AuditPurge purge;

	@Autowired
	JdbcClient jdbc;

	List<Long> ids;

	@BeforeEach
	void appendThree() {
		for (int i = 0; i < 3; i++) {
			this.audit.record(AuditEventType.PROFILE_UPDATED, AuditOutcome.SUCCESS, UUID.randomUUID(), "chain-" + i,
					"event " + i);
		}
		this.ids = this.jdbc.sql("select id from audit_event order by id desc limit 3").query(Long.class).list();
		assertThat(this.chain.verify().intact()).isTrue();
	}

	@Test
	void verifyWhenAnEventWasChangedThenItIsNamed() {
		long middle = this.ids.get(1);
		String detail = detailOf(middle);
		this.jdbc.sql("update audit_event set detail = 'nothing happened' where id = ?").param(middle).update();
		try {
			Verification verification = this.chain.verify();

			assertThat(verification.intact()).isFalse();
			assertThat(verification.brokenEventId()).isEqualTo(middle);
			assertThat(verification.problem()).contains("changed");
		}
		finally {
			this.jdbc.sql("update audit_event set detail = ? where id = ?").params(detail, middle).update();
		}
		assertThat(this.chain.verify().intact()).isTrue();
	}

	@Test
	void verifyWhenAnEventWasDeletedThenTheOneAfterItIsNamed() {
		long middle = this.ids.get(1);
		Map<String, Object> row = this.jdbc.sql("select * from audit_event where id = ?")
			.param(middle)
			.query()
			.singleRow();
		this.jdbc.sql("delete from audit_event where id = ?").param(middle).update();
		try {
			Verification verification = this.chain.verify();

			assertThat(verification.brokenEventId()).isEqualTo(this.ids.get(0));
			assertThat(verification.problem()).contains("deleted or inserted");
		}
		finally {
			reinsert(row);
		}
		assertThat(this.chain.verify().intact()).isTrue();
	}

	@Test
	void verifyWhenTheNewestEventWasDeletedThenSaid() {
		long newest = this.ids.get(0);
		Map<String, Object> row = this.jdbc.sql("select * from audit_event where id = ?")
			.param(newest)
			.query()
			.singleRow();
		this.jdbc.sql("delete from audit_event where id = ?").param(newest).update();
		try {
			assertThat(this.chain.verify().problem()).isEqualTo("the newest events were deleted");
		}
		finally {
			reinsert(row);
		}
	}

	@Test
	void recordWhenEventsArriveAtOnceThenTheyFormOneChain() {
		long before = count();

		AtOnce.run(8, () -> {
			this.audit.record(AuditEventType.SIGN_IN_FAILED, AuditOutcome.FAILURE, null, "at-once", "wrong password");
			return null;
		});

		assertThat(count()).isEqualTo(before + 8);
		Verification verification = this.chain.verify();
		assertThat(verification.intact()).as(String.valueOf(verification.problem())).isTrue();
		// one chain: no two events follow the same one
		assertThat(this.jdbc
			.sql("select count(*) from (select previous_hash from audit_event where previous_hash is not null"
					+ " group by previous_hash having count(*) > 1) forks")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void purgeWhenEventsOutliveTheRetentionThenDeletedRecordedAndTheChainGoesOn() {
		long before = count();
		assertThat(this.purge.purge(Instant.now())).as("nothing is 400 days old").isZero();
		assertThat(count()).isEqualTo(before);

		int deleted = this.purge.purge(Instant.now().plus(Duration.ofDays(401)));

		assertThat(deleted).isEqualTo(before);
		assertThat(this.jdbc.sql("select event_type from audit_event").query(String.class).list())
			.containsExactly("AUDIT_PURGED");
		assertThat(this.chain.verify().intact()).isTrue();
		this.audit.record(AuditEventType.PROFILE_UPDATED, AuditOutcome.SUCCESS, null, "after-purge", null);
		assertThat(this.chain.verify().intact()).isTrue();
	}

	private long count() {
		return this.jdbc.sql("select count(*) from audit_event").query(Long.class).single();
	}

	private String detailOf(long id) {
		return this.jdbc.sql("select detail from audit_event where id = ?").param(id).query(String.class).single();
	}

	private void reinsert(Map<String, Object> row) {
		this.jdbc.sql("""
				insert into audit_event (id, occurred_at, account_id, username, event_type, outcome, client_address,
				    client_id, detail, previous_hash, event_hash)
				values (:id, :occurred_at, :account_id, :username, :event_type, :outcome, :client_address,
				    :client_id, :detail, :previous_hash, :event_hash)""").params(row).update();
	}

}
