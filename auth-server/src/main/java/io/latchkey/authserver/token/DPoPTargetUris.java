package io.latchkey.authserver.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;

import org.springframework.http.HttpHeaders;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.DPoPProofReplayValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuedAtValidator;
import org.springframework.security.oauth2.server.resource.authentication.DPoPAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.DPoPAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * DPoP proofs at our resource endpoints (userinfo, registration), checked as Spring
 * Security checks them ({@code htm}, {@code iat}, key binding, {@code ath}, replay) but
 * with {@code htu} compared to the request's URI "ignoring any query and fragment parts"
 * (RFC 9449 section 4.3, step 9): Spring Security compares the whole string, so a proof
 * for {@code /userinfo?x} was refused at {@code /userinfo}.
 */
public final class DPoPTargetUris {

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private DPoPTargetUris() {
	}

	/** Gives the resource server's DPoP provider these checks. */
	public static ObjectPostProcessor<DPoPAuthenticationProvider> forResourceServer() {
		JwtIssuedAtValidator issuedAt = new JwtIssuedAtValidator(true);
		issuedAt.setClockSkew(CLOCK_SKEW);
		DPoPProofReplayValidator replay = new DPoPProofReplayValidator(new DPoPProofReplayValidator.InMemoryCache());
		replay.setClockSkew(CLOCK_SKEW);
		DPoPProofJwtDecoderFactory proofs = new DPoPProofJwtDecoderFactory();
		proofs.setJwtValidatorFactory((context) -> validator(context, issuedAt, replay));
		return new ObjectPostProcessor<>() {
			@Override
			public <O extends DPoPAuthenticationProvider> O postProcess(O provider) {
				provider.setDPoPProofVerifierFactory(proofs);
				return provider;
			}
		};
	}

	/**
	 * Spring Security's reading of DPoP requests, with a blank {@code DPoP} header
	 * refused as {@code invalid_dpop_proof} (it failed an assertion: a 500).
	 */
	public static AuthenticationConverter requests() {
		DPoPAuthenticationConverter library = new DPoPAuthenticationConverter();
		return (request) -> {
			String proof = request.getHeader("DPoP");
			if (proof != null && proof.isBlank() && request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
				throw new OAuth2AuthenticationException(
						new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, "The DPoP header is empty.", null));
			}
			return library.convert(request);
		};
	}

	private static OAuth2TokenValidator<Jwt> validator(DPoPProofContext context, JwtIssuedAtValidator issuedAt,
			DPoPProofReplayValidator replay) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(claim("htm", (htm) -> context.getMethod().equalsIgnoreCase(htm)));
		validators.add(claim("htu",
				(htu) -> withoutQueryAndFragment(htu).equals(withoutQueryAndFragment(context.getTargetUri()))));
		validators.add(issuedAt);
		OAuth2Token accessToken = context.getAccessToken();
		if (accessToken != null) {
			validators.add((proof) -> boundKey(proof, accessToken));
			validators.add(claim("ath", (ath) -> ath.equals(sha256(accessToken.getTokenValue()))));
		}
		validators.add(replay);
		DelegatingOAuth2TokenValidator<Jwt> all = new DelegatingOAuth2TokenValidator<>(validators);
		all.setFailOnError(true);
		return all;
	}

	private static OAuth2TokenValidator<Jwt> claim(String name, Predicate<String> test) {
		return (proof) -> {
			String value = proof.getClaimAsString(name);
			return (value != null && test.test(value)) ? OAuth2TokenValidatorResult.success()
					: failure(name + " claim is missing or invalid.");
		};
	}

	/** The proof's key is the one the access token is bound to ({@code cnf.jkt}). */
	private static OAuth2TokenValidatorResult boundKey(Jwt proof, OAuth2Token accessToken) {
		Map<String, Object> confirmation = (accessToken instanceof ClaimAccessor claims) ? claims.getClaimAsMap("cnf")
				: null;
		Object bound = (confirmation != null) ? confirmation.get("jkt") : null;
		try {
			@SuppressWarnings("unchecked")
			JWK key = JWK.parse((Map<String, Object>) proof.getHeaders().get("jwk"));
			return (bound != null && bound.equals(key.computeThumbprint().toString()))
					? OAuth2TokenValidatorResult.success() : failure("jkt claim is missing or invalid.");
		}
		catch (JOSEException | ParseException | RuntimeException ex) {
			return failure("jwk header is missing or invalid.");
		}
	}

	private static OAuth2TokenValidatorResult failure(String reason) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, reason, null));
	}

	private static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String withoutQueryAndFragment(String uri) {
		int end = uri.length();
		for (char delimiter : new char[] { '?', '#' }) {
			int at = uri.indexOf(delimiter);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		return uri.substring(0, end);
	}

}
