package io.latchkey.authserver.key;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

/** What the admin console sees of the signing keys and can do to them. */
@Component
public class KeyRotation {

	private final DatabaseJwkSource keys;

	KeyRotation(DatabaseJwkSource keys) {
		this.keys = keys;
	}

	/** Publishes a successor for every algorithm now; it signs after the lead time. */
	public void rotateNow() {
		this.keys.rotateNow();
	}

	public List<KeyInfo> published() {
		this.keys.reload();
		return this.keys.keys()
			.stream()
			.map((key) -> new KeyInfo(key.jwk().getKeyID(), key.algorithm(), key.createdAt(), key.activatesAt(),
					key.retiresAt(), key.expiresAt()))
			.toList();
	}

	/**
	 * A published signing key, without its private half.
	 *
	 * @param kid its key id
	 * @param algorithm what it signs with
	 * @param createdAt when it was published
	 * @param activatesAt when it starts signing
	 * @param retiresAt when it stopped signing, or null
	 * @param expiresAt when it leaves the JWKS, or null
	 */
	public record KeyInfo(String kid, String algorithm, Instant createdAt, Instant activatesAt, Instant retiresAt,
			Instant expiresAt) {

	}

}
