package io.latchkey.authserver.token;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Answers the userinfo endpoint (OpenID Connect Core 5.3) in one statement: the
 * authorization of the presented access token joined with its account as it is now and
 * the account's roles and groups. It takes the place of the library's provider, which
 * reads and deserializes the whole authorization and then the account, and decides as it
 * does: an unknown, revoked, expired or not yet valid access token, or one of an
 * authorization without an ID token, is {@code invalid_token}; a token without
 * {@code openid} is {@code insufficient_scope}. The claims are the scopes' (5.4), less
 * those only the {@code claims} parameter asked for elsewhere (5.5), with the client's
 * {@code sub} (5.3.2).
 */
@Component
public class UserInfoProvider implements AuthenticationProvider {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final ObjectWriter claimsWriter = json.writerFor(Map.class);

	/** Distinct access-token metadata texts whose validity is kept. */
	static final int KEPT = 512;

	/** The account's id as a UUID, when the principal is one (else no account). */
	private static final String ACCOUNT_ID = "case when translate(lower(a.principal_name), '0123456789abcdef',"
			+ " '0000000000000000') = '00000000-0000-0000-0000-000000000000'"
			+ " then cast(a.principal_name as uuid) end";

	private static final String LOOKUP = "select a.registered_client_id, a.principal_name, a.attributes,"
			+ " a.access_token_expires_at, a.access_token_metadata, a.access_token_scopes,"
			+ " a.oidc_id_token_value is not null as has_id_token, " + Person.COLUMNS
			+ " from oauth2_authorization a left join user_account u on u.id = " + ACCOUNT_ID + Person.JOINS
			+ " where a.access_token_value = ?" + Person.ORDER;

	/** The authorization request parameters {@link ClaimsRequest} reads. */
	private static final List<String> CLAIMS_REQUEST_PARAMETERS = List.of("claims", "acr_values",
			ClaimsRequest.SCOPES_FOR_CLAIMS);

	private final JdbcClient jdbc;

	private final PairwiseSubjects pairwiseSubjects;

	private final RegisteredClientRepository clients;

	private final Clock clock;

	/**
	 * Revocation and {@code nbf} read from each distinct metadata text, kept by the exact
	 * text: the row is read for every request, and revoking a token rewrites its
	 * metadata, so a revoked token never finds a kept answer.
	 */
	private final Map<String, Validity> validities = Collections
		.synchronizedMap(new LinkedHashMap<>(KEPT, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Validity> eldest) {
				return size() > KEPT;
			}
		});

	UserInfoProvider(JdbcClient jdbc, PairwiseSubjects pairwiseSubjects, RegisteredClientRepository clients,
			Clock clock) {
		this.jdbc = jdbc;
		this.pairwiseSubjects = pairwiseSubjects;
		this.clients = clients;
		this.clock = clock;
	}

	/**
	 * Writes the claims as the library's handler does (OpenID Connect Core 5.3.2: a JSON
	 * object), without its generic message-converter lookup.
	 */
	public AuthenticationSuccessHandler responseHandler() {
		return this::writeResponse;
	}

	private void writeResponse(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		OidcUserInfo userInfo = ((OidcUserInfoAuthenticationToken) authentication).getUserInfo();
		byte[] body = claimsWriter.writeValueAsBytes(userInfo.getClaims());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** Puts this provider in the place of the library's. */
	public void configure(List<AuthenticationProvider> providers) {
		providers.replaceAll((provider) -> (provider instanceof OidcUserInfoAuthenticationProvider) ? this : provider);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OidcUserInfoAuthenticationToken request = (OidcUserInfoAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof AbstractOAuth2TokenAuthenticationToken<?> accessToken)
				|| !accessToken.isAuthenticated()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
		}
		Found found = this.jdbc.sql(LOOKUP)
			.param(accessToken.getToken().getTokenValue())
			.query((ResultSetExtractor<Optional<Found>>) (rows) -> rows.next() ? Optional.of(Found.read(rows))
					: Optional.empty())
			.orElse(null);
		// a disabled client is unknown, and so are its tokens
		RegisteredClient client = (found != null) ? this.clients.findById(found.clientId) : null;
		if (found == null || client == null || !active(found, this.clock.instant())) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
		}
		if (!found.scopes.contains(OidcScopes.OPENID)) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INSUFFICIENT_SCOPE);
		}
		if (!found.hasIdToken) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
		}
		Map<String, Object> claims = new HashMap<>();
		if (found.person != null) {
			found.claimsRequest()
				.limit(StandardClaims.of(found.person, found.scopes), "userinfo", StandardClaims.SCOPE_OF_CLAIM)
				.forEach((name, value) -> claims.put(name,
						(value instanceof Instant instant) ? instant.getEpochSecond() : value));
		}
		claims.put(StandardClaimNames.SUB, this.pairwiseSubjects.subjectFor(client, found.principalName));
		return new OidcUserInfoAuthenticationToken(accessToken, new OidcUserInfo(claims));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OidcUserInfoAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/**
	 * As the library's {@code OAuth2Authorization.Token.isActive()}: not invalidated
	 * (revoked), not expired, not before its {@code nbf}.
	 */
	private boolean active(Found found, Instant now) {
		if (!now.isBefore(found.expiresAt) || found.metadata == null) {
			return false;
		}
		Validity validity = this.validities.get(found.metadata);
		if (validity == null) {
			validity = Validity.of(found.metadata);
			this.validities.put(found.metadata, validity);
		}
		return validity.valid && (validity.notBefore == null || !now.isBefore(validity.notBefore));
	}

	/**
	 * What the access token's metadata says of its use: not invalidated, and from when.
	 */
	private record Validity(boolean valid, @Nullable Instant notBefore) {

		static Validity of(String text) {
			JsonNode metadata = Found.parse(text);
			if (metadata == null || !metadata.path(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME).isBoolean()
					|| metadata.path(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME).asBoolean()) {
				return new Validity(false, null);
			}
			JsonNode notBefore = metadata.path(OAuth2Authorization.Token.CLAIMS_METADATA_NAME).path("nbf");
			// stored with its type: ["java.time.Instant", seconds.nanos]
			JsonNode seconds = notBefore.isArray() ? notBefore.path(1) : notBefore;
			return new Validity(true, seconds.isNumber() ? Instant.ofEpochSecond(seconds.asLong()) : null);
		}

	}

	/** The row of the access token, with its account when there is one. */
	private record Found(String clientId, String principalName, @Nullable String attributes, Instant expiresAt,
			@Nullable String metadata, Set<String> scopes, boolean hasIdToken, @Nullable Person person) {

		static Found read(ResultSet rows) throws SQLException {
			String scopes = rows.getString("access_token_scopes");
			String clientId = rows.getString("registered_client_id");
			String principalName = rows.getString("principal_name");
			String attributes = rows.getString("attributes");
			Instant expiresAt = rows.getObject("access_token_expires_at", OffsetDateTime.class).toInstant();
			String metadata = rows.getString("access_token_metadata");
			boolean hasIdToken = rows.getBoolean("has_id_token");
			// last: it reads on through the rows of the account's roles and groups
			Person person = Person.read(rows);
			return new Found(clientId, principalName, attributes, expiresAt, metadata,
					(scopes != null) ? new LinkedHashSet<>(Arrays.asList(scopes.split(","))) : Set.of(), hasIdToken,
					person);
		}

		/**
		 * The authorization request's parameters, as {@link ClaimsRequest} reads them.
		 */
		ClaimsRequest claimsRequest() {
			if (this.attributes == null || CLAIMS_REQUEST_PARAMETERS.stream()
				.noneMatch((name) -> this.attributes.contains('"' + name + '"'))) {
				// none of its parameters was sent: the typed JSON need not be parsed
				return ClaimsRequest.of(Map.of());
			}
			JsonNode attributes = parse(this.attributes);
			JsonNode parameters = (attributes != null)
					? attributes.path(OAuth2AuthorizationRequest.class.getName()).path("additionalParameters") : null;
			if (parameters == null || !parameters.isObject()) {
				return ClaimsRequest.of(Map.of());
			}
			Map<String, Object> strings = new HashMap<>();
			parameters.properties().forEach((entry) -> {
				if (entry.getValue().isString()) {
					strings.put(entry.getKey(), entry.getValue().asString());
				}
			});
			return ClaimsRequest.of(strings);
		}

		private static @Nullable JsonNode parse(@Nullable String value) {
			if (value == null) {
				return null;
			}
			try {
				return json.readTree(value);
			}
			catch (JacksonException ex) {
				return null;
			}
		}

	}

}
