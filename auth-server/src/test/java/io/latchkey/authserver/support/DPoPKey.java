package io.latchkey.authserver.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** A client's DPoP key, making proofs as RFC 9449 section 4 describes. */
public final class DPoPKey {

	private final ECKey key;

	private DPoPKey(ECKey key) {
		this.key = key;
	}

	public static DPoPKey generate() {
		try {
			return new DPoPKey(new ECKeyGenerator(Curve.P_256).generate());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The JWK SHA-256 thumbprint tokens bound to this key carry as {@code cnf.jkt}. */
	public String thumbprint() {
		try {
			return this.key.computeThumbprint().toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A proof for a token request. */
	public String proof(String method, String uri) {
		return proof(method, uri, null);
	}

	/** A proof for a request carrying the access token ({@code ath}). */
	public String proof(String method, String uri, String accessToken) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", method)
			.claim("htu", uri)
			.issueTime(new Date());
		if (accessToken != null) {
			claims.claim("ath", sha256(accessToken));
		}
		try {
			SignedJWT proof = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
						.jwk(this.key.toPublicJWK())
						.build(),
					claims.build());
			proof.sign(new ECDSASigner(this.key));
			return proof.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
