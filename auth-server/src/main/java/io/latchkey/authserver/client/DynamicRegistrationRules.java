package io.latchkey.authserver.client;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.nimbusds.jose.util.JSONObjectUtils;

import org.springframework.context.MessageSource;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationToken;

/**
 * Checks dynamically registered metadata with the developer portal's rules
 * ({@link ClientRules}), in place of the library's default validation (which refuses
 * every requested scope, so a registered client could not even ask for {@code openid}).
 * Errors are those of RFC 7591 section 3.2.2: {@code invalid_redirect_uri} for redirect
 * URIs, {@code invalid_client_metadata} for the rest.
 */
class DynamicRegistrationRules implements Consumer<OidcClientRegistrationAuthenticationContext> {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7591#section-3.2.2";

	/**
	 * Our metadata (no registry defines one): whether authorization requests must carry a
	 * PKCE challenge; a public client's always must.
	 */
	static final String REQUIRE_PKCE = "require_pkce";

	/** Ours too: {@code false} asks for refresh tokens that do not rotate. */
	static final String ROTATE_REFRESH_TOKENS = "rotate_refresh_tokens";

	/** What a registration without {@code scope} may ask for: OpenID Connect's scopes. */
	static final Set<String> DEFAULT_SCOPES = Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL);

	private final ClientRules rules;

	private final SectorIdentifiers sectors;

	private final NewClientDefaults defaults;

	private final MessageSource messages;

	DynamicRegistrationRules(ClientRules rules, SectorIdentifiers sectors, NewClientDefaults defaults,
			MessageSource messages) {
		this.rules = rules;
		this.sectors = sectors;
		this.defaults = defaults;
		this.messages = messages;
	}

	@Override
	public void accept(OidcClientRegistrationAuthenticationContext context) {
		OidcClientRegistrationAuthenticationToken token = context.getAuthentication();
		OidcClientRegistration registration = token.getClientRegistration();
		if (registration == null) {
			// reading a registration (RFC 7592): nothing to check
			return;
		}
		String malformed = malformedOption(registration.getClaims());
		if (malformed != null) {
			throw new OAuth2AuthenticationException(new OAuth2Error("invalid_client_metadata",
					"The value of " + malformed + " is not of its kind.", ERROR_URI));
		}
		String keys = keysProblem(registration);
		if (keys != null) {
			throw new OAuth2AuthenticationException(new OAuth2Error("invalid_client_metadata", keys, ERROR_URI));
		}
		ClientDefinition definition = definitionOf(registration, this.defaults);
		List<ClientRules.Problem> problems = this.rules.check(definition);
		if (problems.isEmpty()) {
			problems = this.sectors.check(definition);
		}
		if (!problems.isEmpty()) {
			ClientRules.Problem problem = problems.get(0);
			throw new OAuth2AuthenticationException(
					new OAuth2Error(errorCode(problem), describe(problem, this.messages), ERROR_URI));
		}
	}

	/**
	 * {@code invalid_redirect_uri} for redirect URIs, {@code invalid_client_metadata}
	 * else.
	 */
	static String errorCode(ClientRules.Problem problem) {
		return problem.field().equals("redirectUris") ? "invalid_redirect_uri" : "invalid_client_metadata";
	}

	/**
	 * The problem as an {@code error_description}: the metadata it concerns and the
	 * portal's sentence for it, in English (RFC 7591 section 3.2.2 asks for text a
	 * developer reads, not for a code).
	 */
	static String describe(ClientRules.Problem problem, MessageSource messages) {
		String sentence = messages.getMessage(problem.messageKey(), new Object[] { problem.value() },
				problem.messageKey(), Locale.ENGLISH);
		return METADATA_NAMES.getOrDefault(problem.field(), problem.field()) + ": " + sentence;
	}

	/** The metadata a portal field stands for. */
	private static final Map<String, String> METADATA_NAMES = Map.ofEntries(Map.entry("name", "client_name"),
			Map.entry("type", "token_endpoint_auth_method"), Map.entry("redirectUris", "redirect_uris"),
			Map.entry("postLogoutRedirectUris", "post_logout_redirect_uris"),
			Map.entry("backchannelLogoutUri", "backchannel_logout_uri"), Map.entry("scopes", "scope"),
			Map.entry("idTokenSigningAlgorithm", "id_token_signed_response_alg"),
			Map.entry("sectorIdentifierUri", "sector_identifier_uri"), Map.entry("jwkSetUri", "jwks_uri"),
			Map.entry("requestUris", "request_uris"), Map.entry("logoUri", "logo_uri"),
			Map.entry("authenticationMethod", "token_endpoint_auth_method"), Map.entry("policyUri", "policy_uri"),
			Map.entry("tosUri", "tos_uri"));

	/**
	 * The kind of client the metadata describes, as the portal would define it; what the
	 * metadata leaves out is the server's default.
	 */
	static ClientDefinition definitionOf(OidcClientRegistration registration, NewClientDefaults defaults) {
		ClientType type = typeOf(registration);
		Object backChannel = registration.getClaims().get("backchannel_logout_uri");
		return new ClientDefinition(registration.getClientName(), type, registration.getRedirectUris(),
				registration.getPostLogoutRedirectUris(), (backChannel instanceof String uri) ? uri : null,
				scopesOf(registration, type), true, false, Duration.ofMinutes(5), Duration.ofHours(8),
				optionsOf(registration, defaults));
	}

	/**
	 * The registered scopes; without {@code scope} (optional, RFC 7591 section 2) a
	 * client that signs people in gets {@link #DEFAULT_SCOPES}, a service none.
	 */
	static Set<String> scopesOf(OidcClientRegistration registration, ClientType type) {
		if (registration.getScopes() != null && !registration.getScopes().isEmpty()) {
			return new LinkedHashSet<>(registration.getScopes());
		}
		return (type == ClientType.SERVICE) ? Set.of() : DEFAULT_SCOPES;
	}

	/**
	 * What is wrong with the authentication method and keys, or null: only the methods we
	 * offer, keys given one way (RFC 7591 section 2: {@code jwks} or {@code jwks_uri},
	 * never both), public keys only.
	 */
	private static String keysProblem(OidcClientRegistration registration) {
		String method = registration.getTokenEndpointAuthenticationMethod();
		if (method != null && !AUTHENTICATION_METHODS.contains(method)) {
			return "token_endpoint_auth_method: " + method + " is not offered; use one of "
					+ String.join(", ", AUTHENTICATION_METHODS)
					+ ((ClientAuthenticationMethod.CLIENT_SECRET_JWT.getValue().equals(method))
							? " (secrets are stored only as hashes, so they cannot verify an HMAC)" : "")
					+ ".";
		}
		Object jwks = registration.getClaims().get("jwks");
		if (jwks == null) {
			return null;
		}
		if (registration.getJwkSetUrl() != null && !RegistrationRequests.isKeysByValue(registration.getJwkSetUrl())) {
			return "jwks and jwks_uri: give the keys one way, not both.";
		}
		try {
			ClientKeys.parse(jwksJson(registration));
			return null;
		}
		catch (IllegalArgumentException ex) {
			return "jwks: a JWK Set of public keys is expected.";
		}
	}

	/** The keys given by value, as JSON, or null. */
	static String jwksJson(OidcClientRegistration registration) {
		Object jwks = registration.getClaims().get("jwks");
		if (!(jwks instanceof Map<?, ?> map)) {
			return (jwks != null) ? jwks.toString() : null;
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> object = (Map<String, Object>) map;
		return JSONObjectUtils.toJSONString(object);
	}

	/** The client authentication methods registration accepts. */
	static final List<String> AUTHENTICATION_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(),
			ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue(), ClientAuthenticationMethod.NONE.getValue());

	/** The name of an option whose value is not of its kind, or null. */
	private static String malformedOption(Map<String, Object> claims) {
		for (String flag : List.of(REQUIRE_PKCE, ROTATE_REFRESH_TOKENS, "require_pushed_authorization_requests",
				"dpop_bound_access_tokens")) {
			if (claims.containsKey(flag) && !(claims.get(flag) instanceof Boolean)) {
				return flag;
			}
		}
		Object subjectType = claims.get("subject_type");
		if (subjectType != null && !"public".equals(subjectType)
				&& !LatchkeyClientSettings.PAIRWISE.equals(subjectType)) {
			return "subject_type";
		}
		for (String uri : List.of("sector_identifier_uri", "logo_uri", "policy_uri", "tos_uri",
				"backchannel_logout_uri")) {
			if (claims.containsKey(uri) && !(claims.get(uri) instanceof String)) {
				return uri;
			}
		}
		Object requestUris = claims.get("request_uris");
		if (requestUris != null
				&& !(requestUris instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
			return "request_uris";
		}
		// grant and response types this server has (a blank one failed in the library)
		if (!onlyOf(claims.get("grant_types"), GRANT_TYPES)) {
			return "grant_types";
		}
		if (!onlyOf(claims.get("response_types"), List.of("code"))) {
			return "response_types";
		}
		return null;
	}

	/**
	 * The grant types a registered client may have (discovery's grant_types_supported).
	 */
	private static final List<String> GRANT_TYPES = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(),
			AuthorizationGrantType.DEVICE_CODE.getValue(), AuthorizationGrantType.TOKEN_EXCHANGE.getValue());

	private static boolean onlyOf(Object values, List<String> allowed) {
		return values == null || (values instanceof List<?> list && list.stream().allMatch(allowed::contains));
	}

	/**
	 * The options in the metadata: our PKCE flag, RFC 9126 and RFC 9449 flags, the ID
	 * token algorithm, the subject type with its sector (OpenID Connect Registration 2),
	 * keys and request URIs.
	 */
	static ClientOptions optionsOf(OidcClientRegistration registration, NewClientDefaults defaults) {
		Map<String, Object> claims = registration.getClaims();
		Object requestUris = claims.get("request_uris");
		boolean requireProofKey = (claims.get(REQUIRE_PKCE) instanceof Boolean flag) ? flag
				: defaults.requireProofKey();
		return new ClientOptions(requireProofKey,
				Boolean.TRUE.equals(claims.get("require_pushed_authorization_requests")),
				Boolean.TRUE.equals(claims.get("dpop_bound_access_tokens")),
				registration.getIdTokenSignedResponseAlgorithm(),
				LatchkeyClientSettings.PAIRWISE.equals(claims.get("subject_type")),
				(String) claims.get("sector_identifier_uri"),
				(registration.getJwkSetUrl() != null) ? registration.getJwkSetUrl().toString()
						: (claims.get("jwks") != null) ? RegistrationRequests.KEYS_BY_VALUE : null,
				(requestUris instanceof List<?> list) ? list.stream().map(String::valueOf).toList() : List.of(),
				registration.getGrantTypes() != null
						&& registration.getGrantTypes().contains(AuthorizationGrantType.DEVICE_CODE.getValue()),
				(String) claims.get("logo_uri"), (String) claims.get("policy_uri"), (String) claims.get("tos_uri"),
				ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue()
					.equals(registration.getTokenEndpointAuthenticationMethod()) ? ClientOptions.PRIVATE_KEY_JWT
							: ClientOptions.SECRET,
				!Boolean.FALSE.equals(claims.get(ROTATE_REFRESH_TOKENS)));
	}

	static ClientType typeOf(OidcClientRegistration registration) {
		if (ClientAuthenticationMethod.NONE.getValue().equals(registration.getTokenEndpointAuthenticationMethod())) {
			return ClientType.PUBLIC;
		}
		List<String> grants = registration.getGrantTypes();
		if (grants != null && grants.size() == 1
				&& grants.contains(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())) {
			return ClientType.SERVICE;
		}
		return ClientType.WEB;
	}

}
