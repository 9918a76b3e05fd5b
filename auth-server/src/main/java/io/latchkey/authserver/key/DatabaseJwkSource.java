package io.latchkey.authserver.key;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The JWK source behind the JWKS endpoint, the token signer and our own token checks,
 * backed by {@link SigningKeyStore}.
 * <p>
 * Signing asks for keys by algorithm: it gets only the one key of that algorithm that
 * signs now (two would fail the library's encoder). Everything else (the JWKS, a lookup
 * by {@code kid}) gets every published key, so tokens of a retired key still verify.
 * <p>
 * Each node keeps the keys in memory and reads them again every
 * {@code latchkey.keys.reload-interval}; a new key is published {@code lead-time} before
 * it signs, which is longer, so every node (and every client's JWKS cache) knows a key
 * before any token carries it. Which key signs is decided by time, so all nodes switch
 * together.
 */
@Component
class DatabaseJwkSource implements JWKSource<SecurityContext>, ApplicationRunner, SchedulingConfigurer {

	private final SigningKeyStore store;

	private final KeyProperties properties;

	private final Clock clock;

	private volatile Loaded loaded;

	DatabaseJwkSource(SigningKeyStore store, KeyProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * At start: keys created if there are none, and read, so a missing or wrong key
	 * encryption key stops the server here rather than at the first token request.
	 */
	@Override
	public void run(ApplicationArguments args) {
		this.store.rotate(false);
		reload();
	}

	/**
	 * Every node runs the rotation ({@code latchkey.keys.rotation-cron}); the store's
	 * lock lets one do the work.
	 */
	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addCronTask(this::rotateOnSchedule, this.properties.rotationCron());
	}

	void rotateOnSchedule() {
		this.store.rotate(false);
		reload();
	}

	/** Publishes a successor now; it signs after the lead time. */
	void rotateNow() {
		this.store.rotate(true);
		reload();
	}

	void reload() {
		this.loaded = new Loaded(this.store.published(), this.clock.instant());
	}

	List<StoredKey> keys() {
		Loaded current = this.loaded;
		if (current == null || current.at().plus(this.properties.reloadInterval()).isBefore(this.clock.instant())) {
			synchronized (this) {
				current = this.loaded;
				if (current == null
						|| current.at().plus(this.properties.reloadInterval()).isBefore(this.clock.instant())) {
					reload();
					current = this.loaded;
				}
			}
		}
		return current.keys();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		Instant now = this.clock.instant();
		JWKMatcher matcher = selector.getMatcher();
		boolean signing = matcher.getKeyIDs() == null && matcher.getAlgorithms() != null
				&& !matcher.getAlgorithms().isEmpty();
		List<JWK> candidates = new ArrayList<>();
		for (StoredKey key : keys()) {
			if (!key.isPublishedAt(now)) {
				continue;
			}
			if (signing) {
				Set<Algorithm> algorithms = matcher.getAlgorithms();
				if (key.signsAt(now) && algorithms.contains(key.jwk().getAlgorithm())) {
					candidates.add(key.jwk());
				}
			}
			else {
				candidates.add(key.jwk());
			}
		}
		if (signing) {
			// if a rotation overlaps for an instant, the newest key wins
			candidates = candidates.isEmpty() ? candidates : List.of(candidates.get(candidates.size() - 1));
		}
		return selector.select(new JWKSet(candidates));
	}

	private record Loaded(List<StoredKey> keys, Instant at) {

	}

}
