package io.latchkey.authserver.client;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.latchkey.authserver.crypto.RandomTokens;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Registration access tokens (RFC 7592 section 1) that work for as long as their client
 * exists, so a developer can read and update a registration months later: random values
 * (not JWTs, whose signing keys retire after hours), checked by looking them up, and gone
 * with the client. Only the client configuration requests take them.
 */
public final class RegistrationAccessTokens {

	/** Longer than any client lives; the row goes when the client is deleted. */
	static final Duration LIFETIME = Duration.ofDays(100 * 365);

	/** The scope the library gives registration access tokens and asks of them. */
	private static final String SCOPE = "client.read";

	/** Reading, updating or deleting a registration: with {@code client_id}. */
	static final RequestMatcher CONFIGURATION_REQUESTS = new OrRequestMatcher(
			(request) -> HttpMethod.GET.matches(request.getMethod()) && request.getParameter("client_id") != null
					&& path().matches(request),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.PUT, ClientConfigurationFilter.PATH),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.DELETE, ClientConfigurationFilter.PATH));

	private RegistrationAccessTokens() {
	}

	/** Makes the registration access token the registration endpoint issues. */
	static OAuth2TokenGenerator<OAuth2AccessToken> generator() {
		return RegistrationAccessTokens::generate;
	}

	/**
	 * Whether the request reads, updates or deletes a registration: its token is ours to
	 * check ({@link #filter}), not the resource server's.
	 */
	public static boolean isConfigurationRequest(HttpServletRequest request) {
		return CONFIGURATION_REQUESTS.matches(request);
	}

	/** Authenticates client configuration requests by their stored token. */
	public static OncePerRequestFilter filter(OAuth2AuthorizationService authorizations) {
		return new LookupFilter(authorizations);
	}

	private static @Nullable OAuth2AccessToken generate(OAuth2TokenContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return null;
		}
		Instant issuedAt = Instant.now();
		Instant expiresAt = issuedAt.plus(LIFETIME);
		Set<String> scopes = context.getAuthorizedScopes();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", context.getAuthorizationServerContext().getIssuer());
		claims.put("sub", context.getRegisteredClient().getClientId());
		claims.put("iat", issuedAt);
		claims.put("exp", expiresAt);
		// mutable collections: the stored form is written by Jackson with the types
		// Spring Security allows
		claims.put(OAuth2ParameterNames.SCOPE, new HashSet<>(scopes));
		return new StoredToken(RandomTokens.urlSafe(), issuedAt, expiresAt, scopes, claims);
	}

	private static RequestMatcher path() {
		return PathPatternRequestMatcher.withDefaults().matcher(ClientConfigurationFilter.PATH);
	}

	/**
	 * A random access token whose claims are stored beside it (the library reads them).
	 */
	private static final class StoredToken extends OAuth2AccessToken implements ClaimAccessor {

		private final Map<String, Object> claims;

		StoredToken(String value, Instant issuedAt, Instant expiresAt, Set<String> scopes, Map<String, Object> claims) {
			super(TokenType.BEARER, value, issuedAt, expiresAt, scopes);
			this.claims = claims;
		}

		@Override
		public Map<String, Object> getClaims() {
			return this.claims;
		}

	}

	private static final class LookupFilter extends OncePerRequestFilter {

		private final OAuth2AuthorizationService authorizations;

		private final DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();

		LookupFilter(OAuth2AuthorizationService authorizations) {
			this.authorizations = authorizations;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !CONFIGURATION_REQUESTS.matches(request);
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String value = resolve(request);
			OAuth2Authorization authorization = (value != null)
					? this.authorizations.findByToken(value, OAuth2TokenType.ACCESS_TOKEN) : null;
			OAuth2Authorization.Token<OAuth2AccessToken> token = (authorization != null)
					? authorization.getAccessToken() : null;
			if (token != null && token.isActive() && authorization.getAuthorizedScopes().equals(Set.of(SCOPE))) {
				BearerTokenAuthentication authentication = new BearerTokenAuthentication(
						new DefaultOAuth2AuthenticatedPrincipal(authorization.getPrincipalName(),
								Map.of(OAuth2ParameterNames.SCOPE, List.of(SCOPE)),
								List.of(new SimpleGrantedAuthority("SCOPE_" + SCOPE))),
						token.getToken(), List.of(new SimpleGrantedAuthority("SCOPE_" + SCOPE)));
				SecurityContext context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(authentication);
				SecurityContextHolder.setContext(context);
			}
			chain.doFilter(request, response);
		}

		private @Nullable String resolve(HttpServletRequest request) {
			try {
				return this.bearer.resolve(request);
			}
			catch (RuntimeException ex) {
				// a malformed Authorization header: no authentication, so 401
				return null;
			}
		}

	}

}
