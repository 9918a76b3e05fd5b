package io.latchkey.authserver.key;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores signing keys in the {@code signing_key} table, the private half encrypted, and
 * rotates them. Every change happens under the lock row, so any number of nodes can run
 * the rotation at the same time and exactly one does the work.
 */
@Component
class SigningKeyStore {

	/**
	 * The algorithms we sign with: RS256 for everything, ES256 for ID tokens on request.
	 */
	static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

	private static final Log logger = LogFactory.getLog(SigningKeyStore.class);

	private final JdbcClient jdbc;

	private final KeyEncryptor encryptor;

	private final KeyProperties properties;

	private final Clock clock;

	SigningKeyStore(JdbcClient jdbc, KeyEncryptor encryptor, KeyProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.encryptor = encryptor;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The keys published now (signing, about to sign, or retired but still verifying).
	 */
	List<StoredKey> published() {
		Instant now = this.clock.instant();
		return this.jdbc
			.sql("select private_jwk_encrypted, algorithm, created_at, activates_at, retires_at, expires_at"
					+ " from signing_key where expires_at is null or expires_at > ? order by activates_at, kid")
			.param(Timestamp.from(now))
			.query((rs, row) -> new StoredKey(parse(this.encryptor.decrypt(rs.getString(1))), rs.getString(2),
					rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)),
					instant(rs.getTimestamp(6))))
			.list();
	}

	/**
	 * Brings the keys up to date: a first key for each algorithm, a successor published
	 * {@code lead-time} ahead once a key is older than the rotation period (or at once
	 * when {@code now} is asked), retirement of the keys their successor replaced, and
	 * deletion of keys nothing can need.
	 */
	@Transactional
	void rotate(boolean now) {
		this.jdbc.sql("select id from signing_key_lock where id = 1 for update").query(Integer.class).single();
		Instant time = this.clock.instant();
		this.jdbc.sql("delete from signing_key where expires_at is not null and expires_at <= ?")
			.param(Timestamp.from(time))
			.update();
		List<StoredKey> keys = published();
		for (JWSAlgorithm algorithm : ALGORITHMS) {
			List<StoredKey> ofAlgorithm = keys.stream()
				.filter((key) -> key.algorithm().equals(algorithm.getName()))
				.sorted(Comparator.comparing(StoredKey::activatesAt))
				.toList();
			if (ofAlgorithm.isEmpty()) {
				insert(generate(algorithm), time);
				continue;
			}
			StoredKey newest = ofAlgorithm.get(ofAlgorithm.size() - 1);
			boolean pending = newest.activatesAt().isAfter(time);
			if (!pending && (now || !newest.activatesAt().isAfter(time.minus(this.properties.rotationPeriod())))) {
				insert(generate(algorithm), time.plus(this.properties.leadTime()));
			}
			retireReplaced(ofAlgorithm, time);
		}
	}

	/**
	 * Every key older than the newest one that signs now stops signing when it started.
	 */
	private void retireReplaced(List<StoredKey> ofAlgorithm, Instant time) {
		StoredKey signing = null;
		for (StoredKey key : ofAlgorithm) {
			if (!key.activatesAt().isAfter(time)) {
				signing = key;
			}
		}
		if (signing == null) {
			return;
		}
		for (StoredKey key : ofAlgorithm) {
			if (key.activatesAt().isBefore(signing.activatesAt()) && key.retiresAt() == null) {
				Instant retiresAt = signing.activatesAt();
				this.jdbc.sql("update signing_key set retires_at = ?, expires_at = ? where kid = ?")
					.params(Timestamp.from(retiresAt),
							Timestamp.from(retiresAt.plus(this.properties.retiredKeyRetention())), key.jwk().getKeyID())
					.update();
				logger.info("Signing key " + key.jwk().getKeyID() + " retired; published until "
						+ retiresAt.plus(this.properties.retiredKeyRetention()));
			}
		}
	}

	private void insert(JWK key, Instant activatesAt) {
		this.jdbc.sql("""
				insert into signing_key (kid, algorithm, public_jwk, private_jwk_encrypted, created_at, activates_at)
				values (:kid, :algorithm, :publicJwk, :privateJwk, :createdAt, :activatesAt)
				""")
			.param("kid", key.getKeyID())
			.param("algorithm", key.getAlgorithm().getName())
			.param("publicJwk", key.toPublicJWK().toJSONString())
			.param("privateJwk", this.encryptor.encrypt(key.toJSONString()))
			.param("createdAt", Timestamp.from(this.clock.instant()))
			.param("activatesAt", Timestamp.from(activatesAt))
			.update();
		logger.info("Generated signing key " + key.getKeyID() + " (" + key.getAlgorithm() + "), signing from "
				+ activatesAt);
	}

	private static JWK generate(JWSAlgorithm algorithm) {
		try {
			String kid = UUID.randomUUID().toString();
			if (JWSAlgorithm.ES256.equals(algorithm)) {
				return new ECKeyGenerator(Curve.P_256).keyID(kid)
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(algorithm)
					.issueTime(new Date())
					.generate();
			}
			return new RSAKeyGenerator(2048).keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(algorithm)
				.issueTime(new Date())
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a " + algorithm + " key", ex);
		}
	}

	private static JWK parse(String json) {
		try {
			return JWK.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored signing key is not a valid JWK", ex);
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
