package io.latchkey.authserver.token;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.latchkey.authserver.client.TokenProperties;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.stereotype.Component;

/**
 * Resource indicators (RFC 8707), which the library leaves out: a client names the API it
 * wants a token for with {@code resource}, at the authorization or the token endpoint,
 * and the access token's audience is that API alone. Only the APIs configured in
 * {@code latchkey.tokens.resources} (with a {@code uri}) can be named; anything else is
 * {@code invalid_target} (section 2). At the authorization endpoint the same rule is
 * {@code authorize.ResourceIndicatorValidator}.
 */
@Component
public class ResourceIndicators {

	public static final String PARAMETER = "resource";

	public static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8707#section-2";

	private final TokenProperties properties;

	ResourceIndicators(TokenProperties properties) {
		this.properties = properties;
	}

	/**
	 * The audiences of the resources named in the token request, or else in the
	 * authorization request; empty when none was named.
	 */
	List<String> requestedAudiences(Map<String, Object> tokenRequest, Map<String, Object> authorizationRequest) {
		List<String> named = values(tokenRequest.get(PARAMETER));
		if (named.isEmpty()) {
			named = values(authorizationRequest.get(PARAMETER));
		}
		Set<String> audiences = new LinkedHashSet<>();
		for (String resource : named) {
			audiences.add(this.properties.resourceAt(resource)
				.orElseThrow(() -> new OAuth2AuthenticationException(
						new OAuth2Error("invalid_target", "Unknown resource: " + resource, ERROR_URI)))
				.audience());
		}
		return new ArrayList<>(audiences);
	}

	/** The resource URIs a request parameter names, one or several. */
	public static List<String> values(Object parameter) {
		if (parameter instanceof String value) {
			return List.of(value);
		}
		if (parameter instanceof String[] values) {
			return List.of(values);
		}
		if (parameter instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

}
