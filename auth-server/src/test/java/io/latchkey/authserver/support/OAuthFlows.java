package io.latchkey.authserver.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.latchkey.authserver.support.HttpUserAgent.Response;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a relying party does, step by step, over HTTP: authorization requests through a
 * user's {@link HttpUserAgent}, and back-channel requests to the token, introspection and
 * revocation endpoints.
 */
public class OAuthFlows {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpUserAgent user;

	private final HttpUserAgent backChannel;

	public OAuthFlows(HttpUserAgent user) {
		this.user = user;
		this.backChannel = new HttpUserAgent(user.baseUrl());
	}

	public String authorizationUrl(String clientId, String scope, Pkce pkce, Map<String, String> extra) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(this.user.baseUrl() + "/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("scope", scope)
			.queryParam("redirect_uri", TestClients.REDIRECT_URI)
			.queryParam("state", "state-" + UUID.randomUUID())
			.queryParam("nonce", "nonce-1");
		if (pkce != null) {
			builder.queryParam("code_challenge", pkce.challenge()).queryParam("code_challenge_method", "S256");
		}
		extra.forEach(builder::replaceQueryParam);
		// encoded component by component: values may hold JSON, whose braces a template
		// encoding would take for variables
		return builder.build().encode().toUriString();
	}

	/**
	 * Runs an authorization request for a signed-in user, following redirects on the
	 * server until it answers with something else: the client's redirect, a page, an
	 * error.
	 */
	public Response authorize(String url) {
		Response response = this.user.get(url);
		while (response.isRedirect() && response.location().startsWith(this.user.baseUrl())) {
			response = this.user.get(response.location());
		}
		return response;
	}

	/**
	 * Signs in when asked, then returns the final answer of the authorization request.
	 */
	public Response authorizeSigningIn(String url, String username) {
		Response response = this.user.get(url);
		if (response.isRedirect() && response.location().endsWith("/login")) {
			response = Accounts.signIn(this.user, username, Accounts.PASSWORD);
		}
		while (response.isRedirect() && response.location().startsWith(this.user.baseUrl())) {
			response = this.user.get(response.location());
		}
		return response;
	}

	/** The query parameters of the redirect to the client. */
	public static Map<String, String> redirectParameters(Response response) {
		URI location = URI.create(response.location());
		Map<String, String> parameters = new LinkedHashMap<>();
		UriComponentsBuilder.fromUri(location)
			.build()
			.getQueryParams()
			.forEach((name, values) -> parameters.put(name,
					java.net.URLDecoder.decode(values.get(0), StandardCharsets.UTF_8)));
		return parameters;
	}

	public String code(Response redirectToClient) {
		if (!redirectToClient.isRedirect() || !redirectToClient.location().startsWith(TestClients.REDIRECT_URI)) {
			throw new IllegalStateException("Expected a redirect to the client, got " + redirectToClient.status() + " "
					+ redirectToClient.location() + "\n" + redirectToClient.body());
		}
		return redirectParameters(redirectToClient).get("code");
	}

	public TokenResponse tokenRequest(String clientId, String secret, Map<String, String> form) {
		return post("/oauth2/token", clientId, secret, form);
	}

	public TokenResponse exchangeCode(String clientId, String code, String verifier) {
		return tokenRequest(clientId, TestClients.SECRET, Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", TestClients.REDIRECT_URI, "code_verifier", verifier));
	}

	public TokenResponse post(String path, String clientId, String secret, Map<String, String> form) {
		return post(path, clientId, secret, form, Map.of());
	}

	public TokenResponse post(String path, String clientId, String secret, Map<String, String> form,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.user.baseUrl() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(HttpUserAgent.formEncode(form)));
		headers.forEach(request::header);
		if (clientId != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
		}
		return TokenResponse.of(this.backChannel.send(request));
	}

	public TokenResponse getWithBearer(String path, String accessToken) {
		return get(path, Map.of("Authorization", "Bearer " + accessToken));
	}

	public TokenResponse get(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.user.baseUrl() + path))
			.header("Accept", "application/json")
			.GET();
		headers.forEach(request::header);
		return TokenResponse.of(this.backChannel.send(request));
	}

	/** A JSON answer from a protocol endpoint. */
	public record TokenResponse(int status, Map<String, Object> body, Response raw) {

		@SuppressWarnings("unchecked")
		static TokenResponse of(Response response) {
			Map<String, Object> body = (response.body() == null || response.body().isBlank()) ? Map.of()
					: json.readValue(response.body(), Map.class);
			return new TokenResponse(response.status(), body, response);
		}

		public String get(String name) {
			Object value = this.body.get(name);
			return (value != null) ? value.toString() : null;
		}

		public String error() {
			return get("error");
		}

	}

}
