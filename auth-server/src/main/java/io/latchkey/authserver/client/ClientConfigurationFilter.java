package io.latchkey.authserver.client;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;
import org.springframework.security.oauth2.server.authorization.oidc.http.converter.OidcClientRegistrationHttpMessageConverter;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Updating and deleting a dynamically registered client with its registration access
 * token (RFC 7592 sections 2.2 and 2.3), which the library leaves out; reading (section
 * 2.1) is the library's. The token must be the client's own, active, with the
 * {@code client.read} scope the library gives registration access tokens. An update is
 * checked with the same rules as a registration; the client's identifiers, secret and
 * kind stay.
 */
public class ClientConfigurationFilter extends OncePerRequestFilter {

	public static final String PATH = "/connect/register";

	private final OAuth2AuthorizationService authorizations;

	private final ClientRegistrations registrations;

	private final DynamicRegistration dynamicRegistration;

	private final OidcClientRegistrationHttpMessageConverter json = new OidcClientRegistrationHttpMessageConverter();

	private final RegistrationMetadata toMetadata = new RegistrationMetadata();

	private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

	public ClientConfigurationFilter(OAuth2AuthorizationService authorizations, ClientRegistrations registrations,
			DynamicRegistration dynamicRegistration) {
		this.authorizations = authorizations;
		this.registrations = registrations;
		this.dynamicRegistration = dynamicRegistration;
	}

	private static final RequestMatcher UPDATE = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.PUT, PATH);

	private static final RequestMatcher DELETE = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.DELETE, PATH);

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !(UPDATE.matches(request) || DELETE.matches(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RegisteredClient client = authorizedClient(request);
		if (client == null) {
			error(response, HttpStatus.UNAUTHORIZED, "invalid_token",
					"The registration access token is not valid for this client.");
			return;
		}
		if ("DELETE".equals(request.getMethod())) {
			this.registrations.delete(client, null, client.getClientId());
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return;
		}
		OidcClientRegistration update;
		try {
			update = this.json.read(OidcClientRegistration.class, new ServletServerHttpRequest(request));
		}
		catch (RuntimeException ex) {
			error(response, HttpStatus.BAD_REQUEST, "invalid_client_metadata",
					"The body is not client metadata in JSON.");
			return;
		}
		if (RegistrationRequests.holdsNul(update.getClaims())) {
			error(response, HttpStatus.BAD_REQUEST, "invalid_client_metadata", RegistrationRequests.NUL_REFUSED);
			return;
		}
		// read from the claims: the accessor asserts on a client_id that is null
		Object clientId = update.getClaims().get("client_id");
		if (update.getClaims().containsKey("client_id") && !client.getClientId().equals(clientId)) {
			error(response, HttpStatus.BAD_REQUEST, "invalid_client_metadata",
					"client_id: it must be the client's own (RFC 7592 section 2.2).");
			return;
		}
		ClientDefinition definition = this.dynamicRegistration.definitionOf(update);
		List<ClientRules.Problem> problems = this.registrations.update(client, definition, null, client.getClientId());
		if (!problems.isEmpty()) {
			ClientRules.Problem problem = problems.get(0);
			error(response, HttpStatus.BAD_REQUEST, DynamicRegistrationRules.errorCode(problem),
					this.dynamicRegistration.describe(problem));
			return;
		}
		RegisteredClient updated = this.registrations.findById(client.getId()).orElseThrow();
		response.setStatus(HttpStatus.OK.value());
		this.json.write(this.toMetadata.convert(updated), MediaType.APPLICATION_JSON,
				new ServletServerHttpResponse(response));
	}

	/** The client the bearer token manages, if it is a live registration access token. */
	private RegisteredClient authorizedClient(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String clientId = request.getParameter("client_id");
		if (!(authentication instanceof BearerTokenAuthentication bearer) || clientId == null) {
			return null;
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(bearer.getToken().getTokenValue(),
				OAuth2TokenType.ACCESS_TOKEN);
		if (authorization == null || authorization.getAccessToken() == null
				|| !authorization.getAccessToken().isActive()
				|| !authorization.getAuthorizedScopes().contains("client.read")) {
			return null;
		}
		return this.registrations.findById(authorization.getRegisteredClientId())
			.filter((client) -> client.getClientId().equals(clientId))
			.orElse(null);
	}

	private void error(HttpServletResponse response, HttpStatus status, String code, String description)
			throws IOException {
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Bearer error=\"" + code + "\"");
		}
		ServletServerHttpResponse out = new ServletServerHttpResponse(response);
		out.setStatusCode(status);
		this.errors.write(new OAuth2Error(code, description, null), MediaType.APPLICATION_JSON, out);
	}

}
