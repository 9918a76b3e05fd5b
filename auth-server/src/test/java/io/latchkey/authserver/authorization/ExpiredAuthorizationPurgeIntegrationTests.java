package io.latchkey.authserver.authorization;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.latchkey.authserver.support.AuthServerIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class ExpiredAuthorizationPurgeIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ExpiredAuthorizationPurge purge;

	@Test
	void purgeWhenEveryTokenExpiredLongAgoThenDeletedAndLiveOnesKept() {
		Instant now = Instant.now();
		String expired = insert(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(2)), null);
		String refreshable = insert(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(2)),
				now.plus(Duration.ofHours(1)));
		String justExpired = insert(now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(10)), null);
		String abandonedBeforeConsent = insert(now.minus(Duration.ofHours(2)), null, null);
		String waitingForConsent = insert(now.minus(Duration.ofMinutes(1)), null, null);

		int deleted = this.purge.purge(now);

		assertThat(deleted).isGreaterThanOrEqualTo(2);
		assertThat(exists(expired)).isFalse();
		assertThat(exists(abandonedBeforeConsent)).isFalse();
		assertThat(exists(refreshable)).isTrue();
		assertThat(exists(justExpired)).isTrue();
		assertThat(exists(waitingForConsent)).isTrue();
	}

	private String insert(Instant createdAt, Instant accessTokenExpiresAt, Instant refreshTokenExpiresAt) {
		String id = UUID.randomUUID().toString();
		this.jdbc
			.sql("""
					insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,
					  created_at, access_token_value, access_token_expires_at, refresh_token_value, refresh_token_expires_at)
					values (:id, 'purge-test', 'someone', 'authorization_code', :createdAt, :access, :accessExpiresAt,
					  :refresh, :refreshExpiresAt)
					""")
			.param("id", id)
			.param("createdAt", Timestamp.from(createdAt))
			.param("access", (accessTokenExpiresAt != null) ? "access-" + id : null)
			.param("accessExpiresAt", (accessTokenExpiresAt != null) ? Timestamp.from(accessTokenExpiresAt) : null)
			.param("refresh", (refreshTokenExpiresAt != null) ? "refresh-" + id : null)
			.param("refreshExpiresAt", (refreshTokenExpiresAt != null) ? Timestamp.from(refreshTokenExpiresAt) : null)
			.update();
		return id;
	}

	private boolean exists(String id) {
		return this.jdbc.sql("select count(*) from oauth2_authorization where id = :id")
			.param("id", id)
			.query(Integer.class)
			.single() == 1;
	}

}
