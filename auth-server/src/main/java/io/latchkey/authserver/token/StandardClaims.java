package io.latchkey.authserver.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.latchkey.authserver.account.UserAccount;
import io.latchkey.authserver.account.UserAccountRepository;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
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

	private final UserAccountRepository accounts;

	StandardClaims(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	/** The claims for the user with this subject, or none if the account is gone. */
	@Transactional(readOnly = true)
	Map<String, Object> forSubject(String subject, Set<String> scopes) {
		Map<String, Object> claims = new LinkedHashMap<>();
		findAccount(subject).ifPresent((account) -> {
			if (scopes.contains(OidcScopes.PROFILE)) {
				claims.put(StandardClaimNames.NAME, account.getName());
				claims.put(StandardClaimNames.PREFERRED_USERNAME, account.getUsername());
				putIfPresent(claims, StandardClaimNames.GIVEN_NAME, account.getGivenName());
				putIfPresent(claims, StandardClaimNames.FAMILY_NAME, account.getFamilyName());
				putIfPresent(claims, StandardClaimNames.LOCALE, account.getLocale());
				putIfPresent(claims, StandardClaimNames.ZONEINFO, account.getZoneinfo());
				// an Instant: the JWT encoder writes it as seconds, and stored ID-token
				// claims allow it (a Long is refused by the allow-list of the
				// authorization's JSON)
				claims.put(StandardClaimNames.UPDATED_AT, account.getUpdatedAt());
			}
			if (scopes.contains(ROLES_SCOPE)) {
				claims.putAll(rolesAndGroups(account));
			}
			if (scopes.contains(OidcScopes.EMAIL)) {
				claims.put(StandardClaimNames.EMAIL, account.getEmail());
				claims.put(StandardClaimNames.EMAIL_VERIFIED, account.isEmailVerified());
			}
		});
		return claims;
	}

	/**
	 * The roles and groups of the user with this subject, for access tokens (APIs decide
	 * with them whatever the scopes).
	 */
	@Transactional(readOnly = true)
	Map<String, Object> rolesAndGroupsOf(String subject) {
		return findAccount(subject).map(StandardClaims::rolesAndGroups).orElse(Map.of());
	}

	private static Map<String, Object> rolesAndGroups(UserAccount account) {
		// mutable lists: stored token metadata is read back by an allow-listing JSON
		// mapper
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put(ROLES_CLAIM, new ArrayList<>(account.getRoles()));
		claims.put(GROUPS_CLAIM, new ArrayList<>(account.getGroups()));
		return claims;
	}

	private static void putIfPresent(Map<String, Object> claims, String name, String value) {
		if (value != null) {
			claims.put(name, value);
		}
	}

	/**
	 * The account with its roles and groups, read once per HTTP request: a token response
	 * builds the access token and the ID token from the same account.
	 */
	private Optional<UserAccount> findAccount(String subject) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		String key = StandardClaims.class.getName() + "." + subject;
		if (request != null && request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof UserAccount read) {
			return Optional.of(read);
		}
		Optional<UserAccount> account;
		try {
			account = this.accounts.findWithRolesAndGroupsById(UUID.fromString(subject));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (request != null && account.isPresent()) {
			request.setAttribute(key, account.get(), RequestAttributes.SCOPE_REQUEST);
		}
		return account;
	}

}
