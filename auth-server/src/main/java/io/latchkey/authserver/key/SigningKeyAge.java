package io.latchkey.authserver.key;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.JWSAlgorithm;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code latchkey.signing_keys.age}: how long the key that signs now, per algorithm, has
 * been signing, read from the database at each scrape (the key table is small and
 * indexed). An alert on it catches a rotation that stopped; no value while the database
 * cannot be read.
 */
@Component
class SigningKeyAge {

	private final JdbcClient jdbc;

	private final Clock clock;

	SigningKeyAge(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		for (JWSAlgorithm algorithm : SigningKeyStore.ALGORITHMS) {
			Gauge.builder("latchkey.signing_keys.age", this, (ages) -> ages.secondsSigning(algorithm.getName()))
				.description("How long the signing key of the algorithm has been signing")
				.baseUnit("seconds")
				.tag("algorithm", algorithm.getName())
				.register(meters);
		}
	}

	private double secondsSigning(String algorithm) {
		Instant now = this.clock.instant();
		try {
			Timestamp since = this.jdbc
				.sql("select max(activates_at) from signing_key where algorithm = ? and activates_at <= ?"
						+ " and (retires_at is null or retires_at > ?)")
				.params(algorithm, Timestamp.from(now), Timestamp.from(now))
				.query(Timestamp.class)
				.single();
			return (since != null) ? Duration.between(since.toInstant(), now).toSeconds() : Double.NaN;
		}
		catch (DataAccessException ex) {
			return Double.NaN;
		}
	}

}
