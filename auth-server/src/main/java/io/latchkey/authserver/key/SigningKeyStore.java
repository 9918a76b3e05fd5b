package io.latchkey.authserver.key;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores signing keys in the {@code signing_key} table, the private half encrypted.
 */
@Component
class SigningKeyStore {

	private static final Log logger = LogFactory.getLog(SigningKeyStore.class);

	private final JdbcClient jdbc;

	private final KeyEncryptor encryptor;

	SigningKeyStore(JdbcClient jdbc, KeyEncryptor encryptor) {
		this.jdbc = jdbc;
		this.encryptor = encryptor;
	}

	/**
	 * The key that signs tokens: the oldest active key, generated if there is none. Nodes
	 * that start together take turns on the lock row, so only the first generates a key.
	 */
	@Transactional
	JWK signingKey() {
		this.jdbc.sql("select id from signing_key_lock where id = 1 for update").query(Integer.class).single();
		List<String> stored = findActivePrivateKeys();
		if (stored.isEmpty()) {
			insert(generateRsaKey());
			stored = findActivePrivateKeys();
		}
		try {
			return JWK.parse(this.encryptor.decrypt(stored.get(0)));
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored signing key is not a valid JWK", ex);
		}
	}

	private List<String> findActivePrivateKeys() {
		return this.jdbc.sql("select private_jwk_encrypted from signing_key where active order by created_at, kid")
			.query(String.class)
			.list();
	}

	private void insert(RSAKey key) {
		this.jdbc.sql("""
				insert into signing_key (kid, algorithm, public_jwk, private_jwk_encrypted, created_at, active)
				values (:kid, :algorithm, :publicJwk, :privateJwk, :createdAt, true)
				""")
			.param("kid", key.getKeyID())
			.param("algorithm", key.getAlgorithm().getName())
			.param("publicJwk", key.toPublicJWK().toJSONString())
			.param("privateJwk", this.encryptor.encrypt(key.toJSONString()))
			.param("createdAt", Timestamp.from(Instant.now()))
			.update();
		logger.info("Generated signing key " + key.getKeyID());
	}

	private static RSAKey generateRsaKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair keyPair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
				.privateKey((RSAPrivateKey) keyPair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.issueTime(new Date())
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
