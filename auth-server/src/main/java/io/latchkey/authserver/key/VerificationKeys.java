package io.latchkey.authserver.key;

import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.stereotype.Component;

/**
 * The keys our own tokens' signatures are checked with: the published keys of
 * {@link DatabaseJwkSource}, as the library's {@code JWSVerificationKeySelector} would
 * choose them (the header's algorithm among those accepted, its {@code kid} when it names
 * one), each turned into its public Java key once per load of the keys. The library's
 * selector converts every matching JWK at every request, and as ours hold their private
 * halves it rebuilt the private key as well: a third of a userinfo request's CPU.
 */
@Component
public class VerificationKeys {

	private final DatabaseJwkSource source;

	private final Clock clock;

	private volatile Converted converted = new Converted(List.of(), Map.of());

	VerificationKeys(DatabaseJwkSource source, Clock clock) {
		this.source = source;
		this.clock = clock;
	}

	/** A selector that takes only the given algorithms. */
	public JWSKeySelector<SecurityContext> accepting(Set<JWSAlgorithm> algorithms) {
		Set<JWSAlgorithm> accepted = Set.copyOf(algorithms);
		return (header, context) -> accepted.contains(header.getAlgorithm()) ? select(header) : List.of();
	}

	private List<Key> select(JWSHeader header) throws KeySourceException {
		Instant now = this.clock.instant();
		Converted current = converted();
		List<Key> keys = new ArrayList<>(1);
		for (StoredKey key : current.from()) {
			if (key.isPublishedAt(now) && header.getAlgorithm().getName().equals(key.algorithm())
					&& (header.getKeyID() == null || header.getKeyID().equals(key.jwk().getKeyID()))) {
				keys.add(current.keys().get(key));
			}
		}
		return keys;
	}

	/**
	 * The public keys of the keys as loaded now, converted when a load brought others.
	 */
	private Converted converted() throws KeySourceException {
		List<StoredKey> loaded = this.source.keys();
		Converted current = this.converted;
		if (current.from() == loaded) {
			return current;
		}
		Map<StoredKey, Key> keys = new IdentityHashMap<>();
		for (StoredKey key : loaded) {
			try {
				keys.put(key, ((AsymmetricJWK) key.jwk()).toPublicKey());
			}
			catch (JOSEException ex) {
				throw new KeySourceException("A published key has no usable public half", ex);
			}
		}
		current = new Converted(loaded, keys);
		this.converted = current;
		return current;
	}

	private record Converted(List<StoredKey> from, Map<StoredKey, Key> keys) {

	}

}
