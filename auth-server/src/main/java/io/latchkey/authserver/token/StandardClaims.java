package io.latchkey.authserver.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The OpenID Connect standard claims of a user that the granted scopes release (OpenID
 * Connect Core 5.4): {@code profile} gives the names, {@code email} the address and
 * whether it is verified; our {@code roles} scope gives roles and groups.
 */
@Component
public class StandardClaims {

	/** The scope that releases roles and groups in ID tokens and userinfo. */
	public static final String ROLES_SCOPE = "roles";

	public static final String ROLES_CLAIM = "roles";

	public static final String GROUPS_CLAIM = "groups";

	/** The scope that releases each claim about a person. */
	public static final Map<String, String> SCOPE_OF_CLAIM = Map.ofEntries(
			Map.entry(StandardClaimNames.NAME, OidcScopes.PROFILE),
			Map.entry(StandardClaimNames.PREFERRED_USERNAME, OidcScopes.PROFILE),
			Map.entry(StandardClaimNames.GIVEN_NAME, OidcScopes.PROFILE),
			Map.entry(StandardClaimNames.FAMILY_NAME, OidcScopes.PROFILE),
			Map.entry(StandardClaimNames.LOCALE, OidcScopes.PROFILE),
			Map.entry(StandardClaimNames.ZONEINFO, OidcScopes.PROFILE),
			Map.entry(StandardClaimNames.UPDATED_AT, OidcScopes.PROFILE),
			Map.entry(StandardClaimNames.EMAIL, OidcScopes.EMAIL),
			Map.entry(StandardClaimNames.EMAIL_VERIFIED, OidcScopes.EMAIL), Map.entry(ROLES_CLAIM, ROLES_SCOPE),
			Map.entry(GROUPS_CLAIM, ROLES_SCOPE));

	/**
	 * The authorization request parameter naming the scopes that were added to release
	 * claims of the {@code claims} parameter (set by the authorize step).
	 */
	public static final String SCOPES_FOR_CLAIMS_PARAMETER = ClaimsRequest.SCOPES_FOR_CLAIMS;

	/** Every claim about a person the scopes above may release (discovery's list). */
	public static final List<String> PERSON_CLAIMS = List.of(StandardClaimNames.NAME,
			StandardClaimNames.PREFERRED_USERNAME, StandardClaimNames.GIVEN_NAME, StandardClaimNames.FAMILY_NAME,
			StandardClaimNames.LOCALE, StandardClaimNames.ZONEINFO, StandardClaimNames.UPDATED_AT,
			StandardClaimNames.EMAIL, StandardClaimNames.EMAIL_VERIFIED, ROLES_CLAIM, GROUPS_CLAIM);

	private final JdbcClient jdbc;

	StandardClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The claims for the user with this subject, or none if the account is gone. */
	Map<String, Object> forSubject(String subject, Set<String> scopes) {
		return findPerson(subject).map((person) -> of(person, scopes)).orElseGet(LinkedHashMap::new);
	}

	/** The claims the scopes release about this person. */
	static Map<String, Object> of(Person person, Set<String> scopes) {
		Map<String, Object> claims = new LinkedHashMap<>();
		if (scopes.contains(OidcScopes.PROFILE)) {
			claims.put(StandardClaimNames.NAME, person.name());
			claims.put(StandardClaimNames.PREFERRED_USERNAME, person.username());
			putIfPresent(claims, StandardClaimNames.GIVEN_NAME, person.givenName());
			putIfPresent(claims, StandardClaimNames.FAMILY_NAME, person.familyName());
			putIfPresent(claims, StandardClaimNames.LOCALE, person.locale());
			putIfPresent(claims, StandardClaimNames.ZONEINFO, person.zoneinfo());
			// an Instant: the JWT encoder writes it as seconds, and stored ID-token
			// claims allow it (a Long is refused by the allow-list of the
			// authorization's JSON)
			claims.put(StandardClaimNames.UPDATED_AT, person.updatedAt());
		}
		if (scopes.contains(ROLES_SCOPE)) {
			claims.putAll(rolesAndGroups(person));
		}
		if (scopes.contains(OidcScopes.EMAIL)) {
			claims.put(StandardClaimNames.EMAIL, person.email());
			claims.put(StandardClaimNames.EMAIL_VERIFIED, person.emailVerified());
		}
		return claims;
	}

	/**
	 * The roles and groups of the user with this subject, for access tokens (APIs decide
	 * with them whatever the scopes).
	 */
	Map<String, Object> rolesAndGroupsOf(String subject) {
		return findPerson(subject).map(StandardClaims::rolesAndGroups).orElse(Map.of());
	}

	private static Map<String, Object> rolesAndGroups(Person person) {
		// mutable lists: stored token metadata is read back by an allow-listing JSON
		// mapper
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put(ROLES_CLAIM, new ArrayList<>(person.roles()));
		claims.put(GROUPS_CLAIM, new ArrayList<>(person.groups()));
		return claims;
	}

	private static void putIfPresent(Map<String, Object> claims, String name, String value) {
		if (value != null) {
			claims.put(name, value);
		}
	}

	/**
	 * The account with its roles and groups, in one statement, read once per HTTP
	 * request: a token response builds the access token and the ID token from the same
	 * account.
	 */
	private Optional<Person> findPerson(String subject) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		String key = StandardClaims.class.getName() + "." + subject;
		if (request != null && request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof Person read) {
			return Optional.of(read);
		}
		UUID id;
		try {
			id = UUID.fromString(subject);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		Optional<Person> person = this.jdbc
			.sql("select " + Person.COLUMNS + " from user_account u" + Person.JOINS + " where u.id = ?" + Person.ORDER)
			.param(id)
			.query((ResultSetExtractor<Optional<Person>>) (rows) -> rows.next() ? Optional.ofNullable(Person.read(rows))
					: Optional.empty());
		if (request != null && person.isPresent()) {
			request.setAttribute(key, person.get(), RequestAttributes.SCOPE_REQUEST);
		}
		return person;
	}

}
