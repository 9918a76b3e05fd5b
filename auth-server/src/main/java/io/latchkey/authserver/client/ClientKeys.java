package io.latchkey.authserver.client;

import java.text.ParseException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.client.RestTemplate;

/**
 * A client's public keys, for request objects and {@code private_key_jwt}: published at
 * its {@code jwks_uri}, or registered by value ({@code jwks}, RFC 7591 section 2). One
 * decoder per key set, kept while the keys stay the same.
 */
public final class ClientKeys {

	/** What clients may sign with: FAPI 2.0's PS256 and ES256, and RS256. */
	public static final List<String> SIGNING_ALGORITHMS = List.of("RS256", "PS256", "ES256");

	/** Decoders of the key sets in use; the least recently used go past this many. */
	private static final int MAX_DECODERS = 1000;

	private static final Map<String, NimbusJwtDecoder> decoders = Collections
		.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, NimbusJwtDecoder> eldest) {
				return size() > MAX_DECODERS;
			}
		});

	private static final RestTemplate http = new RestTemplate(timeouts());

	private ClientKeys() {
	}

	/** Whether the client registered keys one way or the other. */
	public static boolean hasKeys(RegisteredClient client) {
		return client.getClientSettings().getJwkSetUrl() != null || LatchkeyClientSettings.of(client).jwks() != null;
	}

	/**
	 * A decoder that checks signatures only (by the client's keys, with one of
	 * {@link #SIGNING_ALGORITHMS}); callers check the claims. Null when the client has no
	 * keys; a key set that is not one is {@link IllegalArgumentException}.
	 */
	public static JwtDecoder signatureDecoder(RegisteredClient client) {
		String jwks = LatchkeyClientSettings.of(client).jwks();
		String jwkSetUrl = client.getClientSettings().getJwkSetUrl();
		if (jwks == null && jwkSetUrl == null) {
			return null;
		}
		String key = (jwks != null) ? "jwks:" + jwks : "jwks_uri:" + jwkSetUrl;
		return decoders.computeIfAbsent(key, (ignored) -> {
			NimbusJwtDecoder decoder = (jwks != null)
					? NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<SecurityContext>(parse(jwks)))
						.jwsAlgorithms(ClientKeys::signingAlgorithms)
						.build()
					: NimbusJwtDecoder.withJwkSetUri(jwkSetUrl)
						.jwsAlgorithms(ClientKeys::signingAlgorithms)
						.restOperations(http)
						.build();
			decoder.setJwtValidator((jwt) -> OAuth2TokenValidatorResult.success());
			return decoder;
		});
	}

	private static void signingAlgorithms(Set<SignatureAlgorithm> algorithms) {
		SIGNING_ALGORITHMS.forEach((name) -> algorithms.add(SignatureAlgorithm.from(name)));
	}

	private static SimpleClientHttpRequestFactory timeouts() {
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		factory.setConnectTimeout(Duration.ofSeconds(5));
		factory.setReadTimeout(Duration.ofSeconds(5));
		return factory;
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
