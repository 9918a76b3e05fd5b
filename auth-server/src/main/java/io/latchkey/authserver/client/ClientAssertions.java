package io.latchkey.authserver.client;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.web.authentication.JwtClientAssertionAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Client authentication by a signed JWT ({@code private_key_jwt}, RFC 7523 section 2.2),
 * the library's with our rules:
 * <ul>
 * <li>{@code client_id} may be left out (RFC 7521 section 4.2 makes it optional; the
 * library requires it): the client is the assertion's {@code sub}, which must be its
 * {@code iss} and is then checked against the client's keys like any other;</li>
 * <li>the audience is our issuer identifier, as one string and nothing else (FAPI 2.0
 * Security Profile 5.3.2.1; the library also takes an array and endpoint URLs);</li>
 * <li>keys by value ({@code jwks}) or by reference ({@code jwks_uri}), signed with RS256,
 * PS256 or ES256.</li>
 * </ul>
 * {@code client_secret_jwt} is not offered: secrets are stored only as hashes.
 */
public final class ClientAssertions {

	/**
	 * The assertion type of RFC 7523 section 2.2, which the library's token carries as
	 * its client authentication method for {@code private_key_jwt}.
	 */
	public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7523#section-3";

	private ClientAssertions() {
	}

	/** Reads a client assertion, with or without {@code client_id}. */
	public static AuthenticationConverter converter() {
		JwtClientAssertionAuthenticationConverter library = new JwtClientAssertionAuthenticationConverter();
		return (request) -> {
			String assertion = request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION);
			if (!JWT_BEARER.equals(request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE))
					|| assertion == null || request.getParameter(OAuth2ParameterNames.CLIENT_ID) != null) {
				return library.convert(request);
			}
			Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
			parameters.put(OAuth2ParameterNames.CLIENT_ID, new String[] { subjectOf(assertion) });
			return library.convert(new RequestWithParameters(request, parameters));
		};
	}

	/** Checks assertions by our rules in the library's provider. */
	public static void configure(List<AuthenticationProvider> providers, ClientKeys clientKeys) {
		for (AuthenticationProvider provider : providers) {
			if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
				assertions.setJwtDecoderFactory(new Decoders(clientKeys));
			}
		}
	}

	/** The assertion's {@code sub}, read before its signature is checked. */
	private static String subjectOf(String assertion) {
		try {
			String subject = JWTParser.parse(assertion).getJWTClaimsSet().getSubject();
			if (subject != null && !subject.isBlank()) {
				return subject;
			}
		}
		catch (ParseException ex) {
			// below
		}
		throw invalidClient("The client assertion is not a JWT with a sub claim");
	}

	private static OAuth2AuthenticationException invalidClient(String description) {
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, ERROR_URI));
	}

	/** Decoders by the client's keys, with our claim rules. */
	private static final class Decoders implements JwtDecoderFactory<RegisteredClient> {

		private final ClientKeys clientKeys;

		Decoders(ClientKeys clientKeys) {
			this.clientKeys = clientKeys;
		}

		@Override
		public JwtDecoder createDecoder(RegisteredClient client) {
			if (!client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT)) {
				throw invalidClient("The client does not authenticate with private_key_jwt");
			}
			JwtDecoder keys;
			try {
				keys = this.clientKeys.signatureDecoder(client);
			}
			catch (IllegalArgumentException ex) {
				keys = null;
			}
			if (keys == null) {
				throw invalidClient("The client has registered no usable keys");
			}
			JwtDecoder signatures = keys;
			return (token) -> {
				Jwt jwt = signatures.decode(token);
				String problem = problemWith(jwt, client);
				if (problem != null) {
					throw new JwtException(problem);
				}
				return jwt;
			};
		}

		private static @Nullable String problemWith(Jwt jwt, RegisteredClient client) {
			String clientId = client.getClientId();
			if (!clientId.equals(jwt.getClaimAsString("iss")) || !clientId.equals(jwt.getSubject())) {
				return "iss and sub must be the client_id";
			}
			if (!isIssuerAlone(jwt)) {
				return "aud must be the issuer identifier, as a string";
			}
			if (jwt.getExpiresAt() == null) {
				return "exp is required";
			}
			OAuth2TokenValidatorResult time = new JwtTimestampValidator().validate(jwt);
			return time.hasErrors() ? "the assertion has expired or is not yet valid" : null;
		}

		/** The raw {@code aud}: the mapped claims turn a string into a list. */
		private static boolean isIssuerAlone(Jwt jwt) {
			try {
				Object audience = JWSObject.parse(jwt.getTokenValue()).getPayload().toJSONObject().get("aud");
				String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
				return audience instanceof String value && value.equals(issuer);
			}
			catch (ParseException ex) {
				return false;
			}
		}

	}

}
