package io.latchkey.authserver.key;

import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The JWK source behind the JWKS endpoint and the token signer, backed by
 * {@link SigningKeyStore}.
 *
 * <p>
 * The key is read from the database once per node, at start, and kept in memory: it does
 * not change while the server runs. Reading it at start means a missing or wrong key
 * encryption key stops the server there, not at the first token request. Scheduled
 * rotation must replace this cache with one that every node refreshes.
 */
@Component
class DatabaseJwkSource implements JWKSource<SecurityContext>, ApplicationRunner {

	private final SigningKeyStore store;

	private volatile JWKSet keys;

	DatabaseJwkSource(SigningKeyStore store) {
		this.store = store;
	}

	@Override
	public void run(ApplicationArguments args) {
		keys();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(keys());
	}

	private JWKSet keys() {
		JWKSet current = this.keys;
		if (current == null) {
			synchronized (this) {
				current = this.keys;
				if (current == null) {
					current = new JWKSet(this.store.signingKey());
					this.keys = current;
				}
			}
		}
		return current;
	}

}
