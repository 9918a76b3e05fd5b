package io.latchkey.authserver.key;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;

/**
 * A signing key with its life: published from creation, signing from {@code activatesAt}
 * until {@code retiresAt}, published until {@code expiresAt}.
 *
 * @param jwk the key with its private half
 * @param algorithm what it signs with (RS256, ES256)
 * @param createdAt when it was made (and published)
 * @param activatesAt when it starts signing
 * @param retiresAt when it stopped signing, or null while it is the newest
 * @param expiresAt when it leaves the JWKS, or null while it signs
 */
record StoredKey(JWK jwk, String algorithm, Instant createdAt, Instant activatesAt, Instant retiresAt,
		Instant expiresAt) {

	boolean signsAt(Instant now) {
		return !this.activatesAt.isAfter(now) && (this.retiresAt == null || now.isBefore(this.retiresAt));
	}

	boolean isPublishedAt(Instant now) {
		return this.expiresAt == null || now.isBefore(this.expiresAt);
	}

}
