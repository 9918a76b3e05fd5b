package io.latchkey.authserver.authorization;

import java.sql.Timestamp;
import java.time.Instant;

import io.latchkey.authserver.housekeeping.Purge;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes authorizations whose every token has expired, and those abandoned before any
 * token was issued. The library never deletes them, so without this the table grows
 * forever. Safe on several nodes: each statement deletes only rows that are already dead.
 */
@Component
class ExpiredAuthorizationPurge implements Purge {

	private static final Log logger = LogFactory.getLog(ExpiredAuthorizationPurge.class);

	private static final String DELETE_BATCH = """
			delete from oauth2_authorization where id in (
			  select id from oauth2_authorization
			  where (authorization_code_expires_at is null or authorization_code_expires_at < :expiredBefore)
			    and (access_token_expires_at is null or access_token_expires_at < :expiredBefore)
			    and (refresh_token_expires_at is null or refresh_token_expires_at < :expiredBefore)
			    and (oidc_id_token_expires_at is null or oidc_id_token_expires_at < :expiredBefore)
			    and (user_code_expires_at is null or user_code_expires_at < :expiredBefore)
			    and (device_code_expires_at is null or device_code_expires_at < :expiredBefore)
			    and (created_at < :pendingCreatedBefore
			      or authorization_code_expires_at is not null or access_token_expires_at is not null
			      or refresh_token_expires_at is not null or device_code_expires_at is not null)
			  limit :batchSize)
			""";

	private final JdbcClient jdbc;

	private final AuthorizationPurgeProperties properties;

	ExpiredAuthorizationPurge(JdbcClient jdbc, AuthorizationPurgeProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "expired authorizations";
	}

	/** Deletes what was dead at the given time; returns how many rows. */
	@Override
	public int purge(Instant now) {
		Timestamp expiredBefore = Timestamp.from(now.minus(this.properties.retention()));
		Timestamp pendingCreatedBefore = Timestamp.from(now.minus(this.properties.pendingLifetime()));
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.sql(DELETE_BATCH)
				.param("expiredBefore", expiredBefore)
				.param("pendingCreatedBefore", pendingCreatedBefore)
				.param("batchSize", this.properties.batchSize())
				.update();
			total += deleted;
		}
		while (deleted == this.properties.batchSize());
		return total;
	}

}
