package io.latchkey.authserver.client;

import java.net.URL;
import java.util.Collection;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcClientRegistrationAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads registration requests with the library's converter, with two changes: a body that
 * is not metadata is {@code invalid_client_metadata} with a sentence (the library answers
 * {@code invalid_request} with the parser's message), and keys by value ({@code jwks})
 * are carried past the library's rule that {@code private_key_jwt} needs a
 * {@code jwks_uri}: such a registration gets {@link #KEYS_BY_VALUE} as its key set URI,
 * which the conversion replaces by the keys themselves.
 */
final class RegistrationRequests implements AuthenticationConverter {

	/** Never fetched: a reserved name (RFC 2606) that marks keys given by value. */
	static final String KEYS_BY_VALUE = "https://jwks-by-value.invalid/";

	static final String NUL_REFUSED = "The metadata holds a NUL character.";

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7591#section-3.2.2";

	private final OidcClientRegistrationAuthenticationConverter library = new OidcClientRegistrationAuthenticationConverter();

	@Override
	public Authentication convert(HttpServletRequest request) {
		Authentication converted;
		try {
			converted = this.library.convert(request);
		}
		catch (OAuth2AuthenticationException ex) {
			if (!"POST".equals(request.getMethod())) {
				throw ex;
			}
			throw new OAuth2AuthenticationException(new OAuth2Error("invalid_client_metadata",
					"The body is not client metadata: a JSON object with the fields of RFC 7591 section 2.",
					ERROR_URI));
		}
		if (converted instanceof OidcClientRegistrationAuthenticationToken token
				&& token.getClientRegistration() != null) {
			OidcClientRegistration registration = token.getClientRegistration();
			Map<String, Object> claims = registration.getClaims();
			if (holdsNul(claims)) {
				throw new OAuth2AuthenticationException(
						new OAuth2Error("invalid_client_metadata", NUL_REFUSED, ERROR_URI));
			}
			if (claims.get("jwks") != null && registration.getJwkSetUrl() == null) {
				return new OidcClientRegistrationAuthenticationToken((Authentication) token.getPrincipal(),
						OidcClientRegistration.withClaims(claims).jwkSetUrl(KEYS_BY_VALUE).build());
			}
		}
		return converted;
	}

	/**
	 * Whether a JSON value holds a NUL character anywhere, in a name or a string:
	 * PostgreSQL refuses it in text, and the failed save answered with the SQL.
	 */
	static boolean holdsNul(Object value) {
		if (value instanceof String text) {
			return text.indexOf('\u0000') >= 0;
		}
		if (value instanceof Map<?, ?> map) {
			return map.entrySet()
				.stream()
				.anyMatch((entry) -> holdsNul(String.valueOf(entry.getKey())) || holdsNul(entry.getValue()));
		}
		if (value instanceof Collection<?> values) {
			return values.stream().anyMatch(RegistrationRequests::holdsNul);
		}
		return false;
	}

	/** Whether the key set URI is the mark of keys given by value. */
	static boolean isKeysByValue(URL jwkSetUrl) {
		return jwkSetUrl != null && KEYS_BY_VALUE.equals(jwkSetUrl.toString());
	}

}
