package io.latchkey.authserver.token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.latchkey.authserver.login.AuthenticationMethods;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * What an authorization request asked for beyond its scopes, read back when its tokens
 * are made: the {@code claims} parameter (OpenID Connect Core 5.5) and
 * {@code acr_values}. A claim asked for only through {@code claims} goes where it was
 * asked for, the ID token or userinfo, not both; a requested {@code acr} the sign-in
 * satisfies is the one returned (5.5.1.1).
 */
final class ClaimsRequest {

	/**
	 * The request parameter the authorize step sets to the scopes it added for the claims
	 * parameter (the person consented to them, but only the claims asked for are released
	 * from them).
	 */
	static final String SCOPES_FOR_CLAIMS = "latchkey_scopes_for_claims";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final ClaimsRequest NONE = new ClaimsRequest(Set.of(), null, List.of());

	private final Set<String> scopesForClaims;

	private final JsonNode claims;

	private final List<String> acrValues;

	private ClaimsRequest(Set<String> scopesForClaims, JsonNode claims, List<String> acrValues) {
		this.scopesForClaims = scopesForClaims;
		this.claims = claims;
		this.acrValues = acrValues;
	}

	/** The request behind an authorization, or none (client credentials, exchange). */
	static ClaimsRequest of(OAuth2Authorization authorization) {
		OAuth2AuthorizationRequest request = (authorization != null)
				? authorization.getAttribute(OAuth2AuthorizationRequest.class.getName()) : null;
		return (request != null) ? of(request.getAdditionalParameters()) : NONE;
	}

	/** The request with these additional parameters of its authorization request. */
	static ClaimsRequest of(Map<String, Object> parameters) {
		Set<String> added = (parameters.get(SCOPES_FOR_CLAIMS) instanceof String scopes)
				? new LinkedHashSet<>(Arrays.asList(scopes.trim().split("\\s+"))) : Set.of();
		List<String> acrValues = new ArrayList<>();
		if (parameters.get("acr_values") instanceof String values) {
			acrValues.addAll(Arrays.asList(values.trim().split("\\s+")));
		}
		JsonNode claims = (parameters.get("claims") instanceof String value) ? parse(value) : null;
		if (claims != null) {
			JsonNode acr = claims.path("id_token").path("acr");
			if (acr.path("value").isString()) {
				acrValues.add(0, acr.path("value").asString());
			}
			acr.path("values").valueStream().filter(JsonNode::isString).forEach((v) -> acrValues.add(v.asString()));
		}
		return new ClaimsRequest(added, claims, acrValues);
	}

	/**
	 * The claims to release in the ID token ({@code id_token}) or at userinfo
	 * ({@code userinfo}): a claim of a scope added for the claims parameter only if that
	 * member asked for it.
	 * @param scopeOfClaim which scope releases each claim
	 */
	Map<String, Object> limit(Map<String, Object> released, String member, Map<String, String> scopeOfClaim) {
		if (this.scopesForClaims.isEmpty()) {
			return released;
		}
		JsonNode asked = (this.claims != null) ? this.claims.path(member) : null;
		Map<String, Object> limited = new LinkedHashMap<>();
		released.forEach((name, value) -> {
			String scope = scopeOfClaim.get(name);
			if (scope == null || !this.scopesForClaims.contains(scope) || (asked != null && asked.has(name))) {
				limited.put(name, value);
			}
		});
		return limited;
	}

	/**
	 * The {@code acr} to state: the first requested one the sign-in satisfies, else its
	 * own.
	 */
	String acr(Authentication signIn) {
		String own = AuthenticationMethods.acr(signIn);
		for (String requested : this.acrValues) {
			if (AuthenticationMethods.ACR_PASSWORD.equals(requested) || requested.equals(own)) {
				return requested;
			}
		}
		return own;
	}

	private static JsonNode parse(String value) {
		try {
			JsonNode node = json.readTree(value);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
