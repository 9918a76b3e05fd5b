package io.latchkey.authserver.authorize;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.latchkey.authserver.client.RequestWithParameters;
import io.latchkey.authserver.token.StandardClaims;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The {@code claims} request parameter (OpenID Connect Core 5.5), which the library
 * leaves out. A client may ask for single standard claims instead of whole scopes; we
 * honour that by asking for the scope that releases each claim (when the client
 * registered it), so the person sees it on the consent page and decides, and consent
 * stays what it is everywhere else: per scope. Claims we do not hold are ignored, as the
 * specification allows. An essential {@code acr} with our multi-factor value counts as
 * {@code acr_values} does. A parameter that is not a claims request JSON object is
 * refused with {@code invalid_request}.
 */
class ClaimsParameter extends OncePerRequestFilter {

	public static final String PARAMETER = "claims";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Map<String, String> SCOPE_OF_CLAIM = StandardClaims.SCOPE_OF_CLAIM;

	private static final Set<String> MEMBERS = Set.of("userinfo", "id_token");

	private final RegisteredClientRepository clients;

	private final List<RequestMatcher> endpoints;

	public ClaimsParameter(RegisteredClientRepository clients, String... endpoints) {
		this.clients = clients;
		this.endpoints = Stream.of(endpoints)
			.<RequestMatcher>map(PathPatternRequestMatcher.withDefaults()::matcher)
			.toList();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.endpoints.stream().noneMatch((endpoint) -> endpoint.matches(request))
				|| request.getParameter(PARAMETER) == null || request.getParameter("scope") == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		JsonNode claims = parse(request.getParameter(PARAMETER));
		String clientId = request.getParameter("client_id");
		RegisteredClient client = StringUtils.hasText(clientId) ? this.clients.findByClientId(clientId) : null;
		if (claims == null || client == null) {
			// refused by the rule below, or by the library for the client
			chain.doFilter(request, response);
			return;
		}
		Set<String> requested = new LinkedHashSet<>(Arrays.asList(request.getParameter("scope").trim().split("\\s+")));
		Set<String> scopes = new LinkedHashSet<>(requested);
		for (String member : MEMBERS) {
			claims.path(member).propertyNames().forEach((name) -> {
				String scope = SCOPE_OF_CLAIM.get(name);
				if (scope != null && client.getScopes().contains(scope)) {
					scopes.add(scope);
				}
			});
		}
		Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
		parameters.put("scope", new String[] { String.join(" ", scopes) });
		// the scopes added here release only the claims asked for, where they were asked
		// for (token.ClaimsRequest)
		Set<String> added = new LinkedHashSet<>(scopes);
		added.removeAll(requested);
		parameters.remove(StandardClaims.SCOPES_FOR_CLAIMS_PARAMETER);
		if (!added.isEmpty()) {
			parameters.put(StandardClaims.SCOPES_FOR_CLAIMS_PARAMETER, new String[] { String.join(" ", added) });
		}
		chain.doFilter(new RequestWithParameters(request, parameters), response);
	}

	/**
	 * Whether the request's claims parameter asks for this {@code acr} as essential
	 * (section 5.5.1.1).
	 */
	public static boolean asksForEssentialAcr(Map<String, Object> parameters, String acr) {
		JsonNode claims = (parameters.get(PARAMETER) instanceof String value) ? parse(value) : null;
		if (claims == null) {
			return false;
		}
		JsonNode request = claims.path("id_token").path("acr");
		if (!request.path("essential").asBoolean(false)) {
			return false;
		}
		return acr.equals(request.path("value").asString(null))
				|| request.path("values").valueStream().anyMatch((value) -> acr.equals(value.asString(null)));
	}

	/** The authorization request rule: a claims parameter must be a claims request. */
	public static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> rule() {
		return (context) -> {
			OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
			Object value = request.getAdditionalParameters().get(PARAMETER);
			if (value == null || (value instanceof String text && parse(text) != null)) {
				return;
			}
			String redirectUri = (request.getRedirectUri() != null) ? request.getRedirectUri()
					: context.getRegisteredClient().getRedirectUris().iterator().next();
			throw AuthorizationRequestErrors.errorWithDescription(OAuth2ErrorCodes.INVALID_REQUEST,
					"The claims parameter must be a JSON object with userinfo and id_token members",
					"https://openid.net/specs/openid-connect-core-1_0.html#ClaimsParameter", request, redirectUri);
		};
	}

	/** The claims request, or null when the value is not one. */
	private static JsonNode parse(String value) {
		try {
			JsonNode claims = json.readTree(value);
			if (claims == null || !claims.isObject()) {
				return null;
			}
			for (String member : MEMBERS) {
				JsonNode requested = claims.path(member);
				if (!requested.isMissingNode() && !requested.isObject()) {
					return null;
				}
				for (JsonNode request : requested) {
					if (!request.isNull() && !request.isObject()) {
						return null;
					}
				}
			}
			return claims;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
