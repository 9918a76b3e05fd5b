package io.latchkey.authserver.authorize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.latchkey.authserver.client.ClientDocuments;
import io.latchkey.authserver.client.ClientKeys;
import io.latchkey.authserver.client.LatchkeyClientSettings;
import io.latchkey.authserver.client.RequestWithParameters;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request objects (JAR, RFC 9101; OpenID Connect Core 6), which the library leaves out:
 * an authorization request (at the authorization or PAR endpoint) may come as a JWT the
 * client signed, by value in {@code request} or by reference in {@code request_uri}. The
 * JWT must be signed with one of the client's keys (its registered JWKS URI; unsigned and
 * symmetric objects are refused), be issued by the client for us, and not be expired. Its
 * claims then are the request: parameters outside it are ignored (RFC 9101 section 5),
 * except {@code client_id}, which must agree. A {@code request_uri} is fetched only when
 * the client registered it (the {@code request_uris} metadata), so we never fetch an
 * address a stranger chose. A PAR {@code request_uri} (a URN) is the library's.
 * <p>
 * A request object that fails any check is refused with the error RFC 9101 section 6.3
 * names ({@code invalid_request_object}, {@code invalid_request_uri}): from the PAR
 * endpoint as JSON, from the authorization endpoint through the endpoint's own error
 * handler, so it goes to the redirect URI only when the request names one the client
 * registered.
 */
class RequestObjects extends OncePerRequestFilter {

	/** The signing algorithms we accept for request objects. */
	public static final List<String> SIGNING_ALGORITHMS = ClientKeys.SIGNING_ALGORITHMS;

	static final String PAR_URN_PREFIX = "urn:ietf:params:oauth:request_uri:";

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc9101#section-6.3";

	/** Client authentication travels beside the request object (RFC 9126 section 3). */
	private static final List<String> CLIENT_AUTHENTICATION = List.of("client_secret", "client_assertion",
			"client_assertion_type");

	private static final Duration LONGEST_LIFETIME = Duration.ofHours(1);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final RegisteredClientRepository clients;

	private final Clock clock;

	private final RequestMatcher authorizationEndpoint;

	private final RequestMatcher pushedRequestEndpoint;

	private final AuthenticationFailureHandler authorizationErrors;

	private final ClientDocuments documents;

	private final ClientKeys clientKeys;

	public RequestObjects(RegisteredClientRepository clients, ClientDocuments documents, ClientKeys clientKeys,
			Clock clock, String authorizationEndpoint, String pushedRequestEndpoint,
			AuthenticationFailureHandler authorizationErrors) {
		this.clients = clients;
		this.documents = documents;
		this.clientKeys = clientKeys;
		this.clock = clock;
		this.authorizationEndpoint = PathPatternRequestMatcher.withDefaults().matcher(authorizationEndpoint);
		this.pushedRequestEndpoint = PathPatternRequestMatcher.withDefaults().matcher(pushedRequestEndpoint);
		this.authorizationErrors = authorizationErrors;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!this.authorizationEndpoint.matches(request) && !this.pushedRequestEndpoint.matches(request)) {
			return true;
		}
		String requestUri = request.getParameter("request_uri");
		if (this.pushedRequestEndpoint.matches(request) && (requestUri != null
				|| (request.getParameter("request") == null && request.getParameter("response_type") == null))) {
			return false;
		}
		return request.getParameter("request") == null && (requestUri == null || requestUri.startsWith(PAR_URN_PREFIX));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getParameter("request_uri") != null && this.pushedRequestEndpoint.matches(request)) {
			// RFC 9126 section 2.1: request_uri "MUST NOT be provided" to the PAR
			// endpoint
			writePushedRequestError(response, new OAuth2Error("invalid_request",
					"request_uri is not accepted at the pushed authorization request endpoint", ERROR_URI));
			return;
		}
		if (this.pushedRequestEndpoint.matches(request) && request.getParameter("request") == null
				&& request.getParameter("response_type") == null) {
			// the library's endpoint fails on a request it cannot read as one (a 500)
			writePushedRequestError(response, new OAuth2Error("invalid_request",
					"A pushed authorization request needs its parameters, response_type first", ERROR_URI));
			return;
		}
		String clientId = request.getParameter("client_id");
		RegisteredClient client = StringUtils.hasText(clientId) ? this.clients.findByClientId(clientId) : null;
		if (client == null) {
			// the library answers for a missing or unknown client
			chain.doFilter(request, response);
			return;
		}
		Map<String, String[]> parameters;
		try {
			parameters = parametersOf(verify(requestObject(request, client), client), clientId);
		}
		catch (Refusal refusal) {
			refuse(request, response, client, refusal);
			return;
		}
		for (String name : CLIENT_AUTHENTICATION) {
			if (request.getParameterValues(name) != null) {
				parameters.put(name, request.getParameterValues(name));
			}
		}
		chain.doFilter(new RequestWithParameters(request, parameters), response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, RegisteredClient client,
			Refusal refusal) throws IOException, ServletException {
		OAuth2Error error = new OAuth2Error(refusal.errorCode(), refusal.getMessage(), ERROR_URI);
		if (this.pushedRequestEndpoint.matches(request)) {
			writePushedRequestError(response, error);
			return;
		}
		EarlyAuthorizationErrors.send(request, response, client, error, this.authorizationErrors);
	}

	/** An error of the PAR endpoint (RFC 9126 section 2.3: the token endpoint's form). */
	private static void writePushedRequestError(HttpServletResponse response, OAuth2Error error) throws IOException {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter()
			.write(json.writeValueAsString(
					Map.of("error", error.getErrorCode(), "error_description", error.getDescription())));
	}

	private String requestObject(HttpServletRequest request, RegisteredClient client) {
		String byValue = request.getParameter("request");
		String byReference = request.getParameter("request_uri");
		if (byValue != null && byReference != null) {
			throw new Refusal("invalid_request", "Send request or request_uri, not both");
		}
		if (byValue != null) {
			return byValue;
		}
		// registered URIs may carry a fragment (a hash of the content, OpenID Connect
		// Registration 2); we fetch every time, so the fragment is not compared
		String fetched = withoutFragment(byReference);
		if (LatchkeyClientSettings.of(client)
			.requestUris()
			.stream()
			.noneMatch((registered) -> withoutFragment(registered).equals(fetched))) {
			throw new Refusal("invalid_request_uri", "This request_uri is not registered for the client");
		}
		return fetch(fetched);
	}

	private String fetch(String requestUri) {
		byte[] requestObject = this.documents.fetch(requestUri, "application/oauth-authz-req+jwt, application/jwt");
		if (requestObject == null) {
			throw new Refusal("invalid_request_uri", "The request_uri did not answer with a request object");
		}
		return new String(requestObject, StandardCharsets.US_ASCII).trim();
	}

	private Jwt verify(String requestObject, RegisteredClient client) {
		JwtDecoder keys;
		try {
			keys = this.clientKeys.signatureDecoder(client);
		}
		catch (IllegalArgumentException ex) {
			keys = null;
		}
		if (keys == null) {
			throw new Refusal("invalid_request_object", "The client has no registered keys to sign request objects");
		}
		Jwt jwt;
		try {
			jwt = keys.decode(requestObject);
		}
		catch (JwtException ex) {
			throw new Refusal("invalid_request_object", "The request object is not signed with the client's key");
		}
		String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
		Instant now = this.clock.instant();
		if (!client.getClientId().equals(jwt.getClaimAsString("iss"))) {
			throw new Refusal("invalid_request_object", "The request object must be issued by the client (iss)");
		}
		if (jwt.getAudience() == null || !jwt.getAudience().contains(issuer)) {
			throw new Refusal("invalid_request_object", "The request object must name this server as audience");
		}
		if (jwt.getExpiresAt() == null || !jwt.getExpiresAt().isAfter(now)
				|| jwt.getExpiresAt().isAfter(now.plus(LONGEST_LIFETIME))) {
			throw new Refusal("invalid_request_object", "The request object must expire within the hour (exp)");
		}
		if (jwt.getNotBefore() != null && jwt.getNotBefore().isAfter(now.plusSeconds(30))) {
			throw new Refusal("invalid_request_object", "The request object is not valid yet (nbf)");
		}
		if (jwt.hasClaim("request") || jwt.hasClaim("request_uri")) {
			throw new Refusal("invalid_request_object", "A request object cannot carry another");
		}
		Object clientId = jwt.getClaims().get("client_id");
		if (clientId != null && !client.getClientId().equals(clientId)) {
			throw new Refusal("invalid_request_object", "The request object is for another client (client_id)");
		}
		return jwt;
	}

	/**
	 * The request's parameters: the object's claims, plus the client_id they agree with.
	 */
	private static Map<String, String[]> parametersOf(Jwt requestObject, String clientId) {
		Map<String, String[]> parameters = new LinkedHashMap<>();
		requestObject.getClaims().forEach((name, value) -> {
			if (Set.of("iss", "aud", "exp", "iat", "nbf", "jti").contains(name)) {
				return;
			}
			if (value instanceof Collection<?> values && "resource".equals(name)) {
				parameters.put(name, values.stream().map(String::valueOf).toArray(String[]::new));
			}
			else if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
				parameters.put(name, new String[] { json.writeValueAsString(value) });
			}
			else if (value instanceof Instant instant) {
				parameters.put(name, new String[] { String.valueOf(instant.getEpochSecond()) });
			}
			else {
				parameters.put(name, new String[] { String.valueOf(value) });
			}
		});
		parameters.put("client_id", new String[] { clientId });
		return parameters;
	}

	private static String withoutFragment(String uri) {
		int hash = uri.indexOf('#');
		return (hash >= 0) ? uri.substring(0, hash) : uri;
	}

	/** Why a request object was not accepted, with the error code to answer. */
	static final class Refusal extends RuntimeException {

		private final String errorCode;

		Refusal(String errorCode, String description) {
			super(description, null, false, false);
			this.errorCode = errorCode;
		}

		String errorCode() {
			return this.errorCode;
		}

	}

}
