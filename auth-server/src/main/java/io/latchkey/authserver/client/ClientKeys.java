package io.latchkey.authserver.client;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * A client's public keys, for request objects and {@code private_key_jwt}: published at
 * its {@code jwks_uri}, or registered by value ({@code jwks}, RFC 7591 section 2). One
 * decoder per key set, kept while the keys stay the same. A {@code jwks_uri} is fetched
 * like every document at an address a client registered ({@link ClientDocuments}: the
 * configured timeouts, no redirects, 64 KiB at most) and cached by Nimbus' defaults (five
 * minutes, fetched again for a key it does not know, at most every 30 s).
 */
@Component
public final class ClientKeys {

	/** What clients may sign with: FAPI 2.0's PS256 and ES256, and RS256. */
	public static final List<String> SIGNING_ALGORITHMS = List.of("RS256", "PS256", "ES256");

	/** Decoders of the key sets in use; the least recently used go past this many. */
	private static final int MAX_DECODERS = 1000;

	private final Map<String, NimbusJwtDecoder> decoders = Collections
		.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, NimbusJwtDecoder> eldest) {
				return size() > MAX_DECODERS;
			}
		});

	private final ResourceRetriever keySets;

	ClientKeys(ClientDocuments documents) {
		this.keySets = (url) -> {
			byte[] keySet = documents.fetch(url.toString(), "application/jwk-set+json, application/json");
			if (keySet == null) {
				throw new IOException("The jwks_uri did not answer with a key set");
			}
			return new Resource(new String(keySet, StandardCharsets.UTF_8), "application/json");
		};
	}

	/**
	 * A decoder that checks signatures only (by the client's keys, with one of
	 * {@link #SIGNING_ALGORITHMS}); callers check the claims. Null when the client has no
	 * keys; a key set that is not one is {@link IllegalArgumentException}.
	 */
	public JwtDecoder signatureDecoder(RegisteredClient client) {
		String jwks = LatchkeyClientSettings.of(client).jwks();
		String jwkSetUrl = client.getClientSettings().getJwkSetUrl();
		if (jwks == null && jwkSetUrl == null) {
			return null;
		}
		String key = (jwks != null) ? "jwks:" + jwks : "jwks_uri:" + jwkSetUrl;
		return this.decoders.computeIfAbsent(key, (ignored) -> {
			JWKSource<SecurityContext> keys = (jwks != null) ? new ImmutableJWKSet<>(parse(jwks))
					: JWKSourceBuilder.<SecurityContext>create(url(jwkSetUrl), this.keySets).build();
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
				.jwsAlgorithms(ClientKeys::signingAlgorithms)
				.build();
			decoder.setJwtValidator((jwt) -> OAuth2TokenValidatorResult.success());
			return decoder;
		});
	}

	private static void signingAlgorithms(Set<SignatureAlgorithm> algorithms) {
		SIGNING_ALGORITHMS.forEach((name) -> algorithms.add(SignatureAlgorithm.from(name)));
	}

	private static URL url(String jwkSetUrl) {
		try {
			return URI.create(jwkSetUrl).toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("jwks_uri is not a URL", ex);
		}
	}

	/** The key set registered by value, checked: public keys only. */
	static JWKSet parse(String jwks) {
		try {
			JWKSet set = JWKSet.parse(jwks);
			if (set.getKeys().isEmpty() || set.getKeys().stream().anyMatch((key) -> key.isPrivate())) {
				throw new IllegalArgumentException("jwks must hold public keys only");
			}
			return set;
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("jwks is not a JWK Set", ex);
		}
	}

}
