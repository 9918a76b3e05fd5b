package io.latchkey.authserver.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.latchkey.authserver.client.TokenProperties;
import io.latchkey.authserver.login.AuthenticationMethods;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Adds to the library's tokens what it leaves to us: the user's standard claims in ID
 * tokens, and in access tokens the audience of every API whose scopes were granted.
 */
@Component
class TokenClaimsCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String ACCESS_TOKEN_TYPE = "at+jwt";

	static final String CLIENT_ID_CLAIM = "client_id";

	private final StandardClaims standardClaims;

	private final TokenProperties properties;

	private final ResourceIndicators resourceIndicators;

	private final PairwiseSubjects pairwiseSubjects;

	private final MeterRegistry meters;

	TokenClaimsCustomizer(StandardClaims standardClaims, TokenProperties properties,
			ResourceIndicators resourceIndicators, PairwiseSubjects pairwiseSubjects, MeterRegistry meters) {
		this.meters = meters;
		this.pairwiseSubjects = pairwiseSubjects;
		this.standardClaims = standardClaims;
		this.properties = properties;
		this.resourceIndicators = resourceIndicators;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			ClaimsRequest requested = ClaimsRequest.of(context.getAuthorization());
			Map<String, Object> standard = new LinkedHashMap<>(requested.limit(
					this.standardClaims.forSubject(context.getPrincipal().getName(), context.getAuthorizedScopes()),
					"id_token", StandardClaims.SCOPE_OF_CLAIM));
			// userinfo has it; in the ID token the JWT encoder cannot write an Instant it
			// does not know, and the stored claims refuse a Long
			standard.remove(StandardClaimNames.UPDATED_AT);
			context.getClaims().claims((claims) -> claims.putAll(standard));
			context.getClaims()
				.subject(this.pairwiseSubjects.subjectFor(context.getRegisteredClient(),
						context.getPrincipal().getName()));
			List<String> amr = AuthenticationMethods.amr(context.getPrincipal());
			if (!amr.isEmpty()) {
				// what the person did to sign in (OpenID Connect Core 2, RFC 8176)
				context.getClaims().claim("amr", new ArrayList<>(amr));
				context.getClaims().claim("acr", requested.acr(context.getPrincipal()));
			}
		}
		else if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			// the JWT profile for access tokens (RFC 9068): its own type, so an ID token
			// can never pass for one; the library already sets iss, sub, aud, exp, iat,
			// jti
			context.getJwsHeader().type(ACCESS_TOKEN_TYPE);
			context.getClaims().claim(CLIENT_ID_CLAIM, context.getRegisteredClient().getClientId());
			if (!context.getAuthorizedScopes().isEmpty()) {
				// one space-separated string (RFC 9068 section 2.2.3 with RFC 8693
				// section
				// 4.2), not the library's JSON array
				context.getClaims()
					.claim(OAuth2ParameterNames.SCOPE, String.join(" ", new TreeSet<>(context.getAuthorizedScopes())));
			}
			context.getClaims().audience(audience(context));
			if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
				// the user's roles and groups, read now so a refresh carries the current
				// ones
				Map<String, Object> rolesAndGroups = this.standardClaims
					.rolesAndGroupsOf(context.getPrincipal().getName());
				context.getClaims().claims((claims) -> claims.putAll(rolesAndGroups));
			}
			countIssued(context);
		}
	}

	/**
	 * {@code latchkey.tokens.issued}: access tokens by grant type (its last part:
	 * device_code, token-exchange) and client type.
	 */
	private void countIssued(JwtEncodingContext context) {
		String grantType = context.getAuthorizationGrantType().getValue();
		boolean publicClient = context.getRegisteredClient()
			.getClientAuthenticationMethods()
			.equals(Set.of(ClientAuthenticationMethod.NONE));
		Counter.builder("latchkey.tokens.issued")
			.description("Access tokens issued, by grant type and client type")
			.tag("grant_type", grantType.substring(grantType.lastIndexOf(':') + 1))
			.tag("client_type", publicClient ? "public" : "confidential")
			.register(this.meters)
			.increment();
	}

	private List<String> audience(JwtEncodingContext context) {
		// a client that named the API it wants (RFC 8707) gets a token for that API alone
		List<String> requested = this.resourceIndicators.requestedAudiences(tokenRequestParameters(context),
				authorizationRequestParameters(context));
		if (!requested.isEmpty()) {
			return requested;
		}
		Set<String> audience = new LinkedHashSet<>();
		// the client stays an audience, as the library makes it by default
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
				|| this.properties.resources().isEmpty()) {
			audience.add(context.getRegisteredClient().getClientId());
		}
		for (TokenProperties.Resource resource : this.properties.resources()) {
			if (resource.scopes().stream().anyMatch(context.getAuthorizedScopes()::contains)) {
				audience.add(resource.audience());
			}
		}
		if (audience.isEmpty()) {
			audience.add(context.getRegisteredClient().getClientId());
		}
		// a mutable list: the stored token metadata is read back by an allow-listing JSON
		// mapper
		return new ArrayList<>(audience);
	}

	private static Map<String, Object> tokenRequestParameters(JwtEncodingContext context) {
		return (context.getAuthorizationGrant() instanceof OAuth2AuthorizationGrantAuthenticationToken grant)
				? grant.getAdditionalParameters() : Map.of();
	}

	private static Map<String, Object> authorizationRequestParameters(JwtEncodingContext context) {
		OAuth2AuthorizationRequest request = (context.getAuthorization() != null)
				? context.getAuthorization().getAttribute(OAuth2AuthorizationRequest.class.getName()) : null;
		return (request != null) ? request.getAdditionalParameters() : Map.of();
	}

}
