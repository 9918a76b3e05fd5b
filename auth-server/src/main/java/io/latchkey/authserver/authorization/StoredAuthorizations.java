package io.latchkey.authserver.authorization;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.latchkey.authserver.token.LockingLookups;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The library's JDBC service on the indexed schema of the V2 migration, with fewer round
 * trips and less parsing where it can tell what a statement would find:
 * <ul>
 * <li>saving an authorization is one statement: an update when this request loaded it,
 * else (on PostgreSQL) an insert that updates on conflict; the library first reads the
 * whole row again, to choose between insert and update;</li>
 * <li>a token of unknown type that is a JWT is looked up where JWTs are stored (access
 * and ID tokens), not in all seven token columns at once;</li>
 * <li>the attributes column is parsed once per distinct text
 * ({@link ParsedAttributes});</li>
 * <li>a one-time grant locked for its exchange ({@link LockingLookups}) is loaded by the
 * statement that locks it, and the library's lookup in that transaction is answered from
 * it.</li>
 * </ul>
 * Each falls back to the library where the shortcut does not apply, so they change the
 * cost, never the answer. Attributes are serialized with the Spring Security Jackson 3
 * modules; the principal we store is the library's own {@code User}, which those modules
 * allow.
 */
public class StoredAuthorizations extends JdbcOAuth2AuthorizationService implements LockingLookups {

	/**
	 * The columns the library writes after the id, in the order of its parameters mapper.
	 */
	private static final List<String> WRITTEN = List.of("registered_client_id", "principal_name",
			"authorization_grant_type", "authorized_scopes", "attributes", "state", "authorization_code_value",
			"authorization_code_issued_at", "authorization_code_expires_at", "authorization_code_metadata",
			"access_token_value", "access_token_issued_at", "access_token_expires_at", "access_token_metadata",
			"access_token_type", "access_token_scopes", "oidc_id_token_value", "oidc_id_token_issued_at",
			"oidc_id_token_expires_at", "oidc_id_token_metadata", "refresh_token_value", "refresh_token_issued_at",
			"refresh_token_expires_at", "refresh_token_metadata", "user_code_value", "user_code_issued_at",
			"user_code_expires_at", "user_code_metadata", "device_code_value", "device_code_issued_at",
			"device_code_expires_at", "device_code_metadata");

	/** The parameters in the mapper's order with the id moved last. */
	private static final String UPDATE = WRITTEN.stream()
		.map((column) -> column + " = ?")
		.collect(Collectors.joining(", ", "update oauth2_authorization set ", " where id = ?"));

	/** The parameters in the mapper's order (PostgreSQL). */
	private static final String UPSERT = "insert into oauth2_authorization (id, " + String.join(", ", WRITTEN)
			+ ") values (?" + ", ?".repeat(WRITTEN.size()) + ") on conflict (id) do update set "
			+ WRITTEN.stream().map((column) -> column + " = excluded." + column).collect(Collectors.joining(", "));

	/** The columns after the attributes, as the library's row mapper reads them. */
	private static final String COLUMNS_AFTER_ATTRIBUTES = " state, authorization_code_value,"
			+ " authorization_code_issued_at, authorization_code_expires_at, authorization_code_metadata,"
			+ " access_token_value, access_token_issued_at, access_token_expires_at, access_token_metadata,"
			+ " access_token_type, access_token_scopes, oidc_id_token_value, oidc_id_token_issued_at,"
			+ " oidc_id_token_expires_at, oidc_id_token_metadata, refresh_token_value, refresh_token_issued_at,"
			+ " refresh_token_expires_at, refresh_token_metadata, user_code_value, user_code_issued_at,"
			+ " user_code_expires_at, user_code_metadata, device_code_value, device_code_issued_at,"
			+ " device_code_expires_at, device_code_metadata from oauth2_authorization";

	/**
	 * An access token's row as introspection reads it: the token with its metadata, its
	 * client and principal; the attributes (the authorization request and the principal,
	 * the costliest JSON of the row) and the other tokens, whose metadata would be parsed
	 * too, read as absent. RFC 7662's answer uses none of them.
	 */
	private static final String LOAD_ACCESS_TOKEN_ALONE = "select id, registered_client_id, principal_name,"
			+ " authorization_grant_type, authorized_scopes, '" + ParsedAttributes.EMPTY + "' as attributes, state,"
			+ " null as authorization_code_value, null as authorization_code_issued_at,"
			+ " null as authorization_code_expires_at, null as authorization_code_metadata, access_token_value,"
			+ " access_token_issued_at, access_token_expires_at, access_token_metadata, access_token_type,"
			+ " access_token_scopes, null as oidc_id_token_value, null as oidc_id_token_issued_at,"
			+ " null as oidc_id_token_expires_at, null as oidc_id_token_metadata, null as refresh_token_value,"
			+ " null as refresh_token_issued_at, null as refresh_token_expires_at, null as refresh_token_metadata,"
			+ " null as user_code_value, null as user_code_issued_at, null as user_code_expires_at,"
			+ " null as user_code_metadata, null as device_code_value, null as device_code_issued_at,"
			+ " null as device_code_expires_at, null as device_code_metadata"
			+ " from oauth2_authorization where access_token_value = ?";

	private static final String LOAD = "select id, registered_client_id, principal_name, authorization_grant_type,"
			+ " authorized_scopes, attributes," + COLUMNS_AFTER_ATTRIBUTES;

	private static final OAuth2TokenType AUTHORIZATION_CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);

	private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

	private static final String LOADED = StoredAuthorizations.class.getName() + ".loaded";

	private volatile @Nullable Boolean upserts;

	/** The transaction's resource key of the grant {@link #lockAndLoad} loaded. */
	private final Object lockedKey = new Object();

	StoredAuthorizations(JdbcOperations jdbcOperations, RegisteredClientRepository registeredClientRepository) {
		super(jdbcOperations, registeredClientRepository);
		setAuthorizationRowMapper(new ParsedAttributes(getAuthorizationRowMapper()));
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		forgetLocked();
		List<SqlParameterValue> parameters = getAuthorizationParametersMapper().apply(authorization);
		if (parameters.stream().anyMatch((p) -> p.getSqlType() == Types.BLOB || p.getSqlType() == Types.CLOB)) {
			// a schema with large-object columns: the library's way of writing them
			super.save(authorization);
			return;
		}
		if (authorization.getId().equals(loadedInThisRequest())) {
			List<SqlParameterValue> idLast = new ArrayList<>(parameters);
			idLast.add(idLast.remove(0));
			if (getJdbcOperations().update(UPDATE, new ArgumentPreparedStatementSetter(idLast.toArray())) == 1) {
				return;
			}
		}
		else if (upserts()) {
			getJdbcOperations().update(UPSERT, new ArgumentPreparedStatementSetter(parameters.toArray()));
			return;
		}
		super.save(authorization);
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return remember(super.findById(id));
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		forgetLocked();
		super.remove(authorization);
	}

	@Override
	public void lockAndLoad(String token, OAuth2TokenType type) {
		String column;
		if (OAuth2TokenType.REFRESH_TOKEN.equals(type)) {
			column = "refresh_token_value";
		}
		else if (AUTHORIZATION_CODE.equals(type)) {
			column = "authorization_code_value";
		}
		else if (DEVICE_CODE.equals(type)) {
			column = "device_code_value";
		}
		else {
			throw new IllegalArgumentException("Not a one-time grant: " + type.getValue());
		}
		List<OAuth2Authorization> found = getJdbcOperations().query(LOAD + " where " + column + " = ? for update",
				getAuthorizationRowMapper(), token);
		forgetLocked();
		TransactionSynchronizationManager.bindResource(this.lockedKey,
				new Locked(token, type, found.isEmpty() ? null : found.get(0)));
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				forgetLocked();
			}
		});
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		if (TransactionSynchronizationManager.getResource(this.lockedKey) instanceof Locked locked
				&& locked.token().equals(token) && locked.type().equals(tokenType)) {
			return remember(locked.authorization());
		}
		if (tokenType == null && looksLikeJwt(token)) {
			OAuth2Authorization authorization = super.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
			return remember((authorization != null) ? authorization : super.findByToken(token, ID_TOKEN));
		}
		return remember(super.findByToken(token, tokenType));
	}

	/**
	 * Puts the library's introspection provider on a read-only view of these
	 * authorizations that loads an access token alone, without the row's attributes and
	 * other tokens: RFC 7662's answer comes from the token, its metadata and its client.
	 */
	public static void configureIntrospection(List<AuthenticationProvider> providers,
			RegisteredClientRepository clients, OAuth2AuthorizationService authorizations) {
		if (authorizations instanceof StoredAuthorizations stored) {
			providers.replaceAll((provider) -> (provider instanceof OAuth2TokenIntrospectionAuthenticationProvider)
					? new OAuth2TokenIntrospectionAuthenticationProvider(clients, stored.new WithoutAttributes())
					: provider);
		}
	}

	/**
	 * Whether the database takes {@code insert ... on conflict} (PostgreSQL; H2 does
	 * not).
	 */
	private boolean upserts() {
		Boolean known = this.upserts;
		if (known == null) {
			known = "PostgreSQL".equals(getJdbcOperations().execute(
					(ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName()));
			this.upserts = known;
		}
		return known;
	}

	/**
	 * The compact serialization of a JWS (RFC 7515 section 7.1): three base64url parts.
	 * Every other token this server stores (codes, refresh tokens, state, device and user
	 * codes) is a random string without dots.
	 */
	static boolean looksLikeJwt(String token) {
		int first = token.indexOf('.');
		int second = (first > 0) ? token.indexOf('.', first + 1) : -1;
		return second > first + 1 && token.indexOf('.', second + 1) < 0 && token.startsWith("eyJ");
	}

	/** The view introspection reads through; it never writes. */
	private final class WithoutAttributes implements OAuth2AuthorizationService {

		@Override
		public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
			if ((tokenType == null || OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) && looksLikeJwt(token)) {
				List<OAuth2Authorization> found = getJdbcOperations().query(LOAD_ACCESS_TOKEN_ALONE,
						getAuthorizationRowMapper(), token);
				if (!found.isEmpty()) {
					return found.get(0);
				}
				// not an access token of ours: an ID token, or unknown
				return (tokenType == null) ? StoredAuthorizations.this.findByToken(token, ID_TOKEN) : null;
			}
			return StoredAuthorizations.this.findByToken(token, tokenType);
		}

		@Override
		public @Nullable OAuth2Authorization findById(String id) {
			return StoredAuthorizations.this.findById(id);
		}

		@Override
		public void save(OAuth2Authorization authorization) {
			throw new IllegalStateException("Introspection does not write authorizations");
		}

		@Override
		public void remove(OAuth2Authorization authorization) {
			throw new IllegalStateException("Introspection does not remove authorizations");
		}

	}

	private void forgetLocked() {
		TransactionSynchronizationManager.unbindResourceIfPossible(this.lockedKey);
	}

	/** A grant locked for this transaction, as it was loaded (null: none holds it). */
	private record Locked(String token, OAuth2TokenType type, @Nullable OAuth2Authorization authorization) {

	}

	private static @Nullable OAuth2Authorization remember(@Nullable OAuth2Authorization authorization) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (authorization != null && request != null) {
			request.setAttribute(LOADED, authorization.getId(), RequestAttributes.SCOPE_REQUEST);
		}
		return authorization;
	}

	private static @Nullable Object loadedInThisRequest() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		return (request != null) ? request.getAttribute(LOADED, RequestAttributes.SCOPE_REQUEST) : null;
	}

}
