package io.latchkey.authserver.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.latchkey.authserver.client.RequestWithParameters;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads it, a request whose parameters or Basic credentials
 * cannot be processed: a NUL character (PostgreSQL refuses it in text, so it ended as a
 * 500 with the statement in the body), parameters the container cannot decode, control
 * characters in parameter names (Spring Security's firewall refused them later with a
 * bare 400), and at the protocol endpoints a parameter sent twice. The protocol endpoints
 * answer {@code invalid_request} in JSON as their RFCs prescribe (RFC 6749 5.2, RFC 7662,
 * RFC 7009, RFC 9126, RFC 8628, RFC 7591, RFC 6750); pages show the error page with a
 * sentence.
 */
class UnreadableInputFilter extends OncePerRequestFilter {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Endpoints that take POST alone (and CORS preflights). */
	private final List<String> postOnly;

	/** Endpoints whose errors are JSON objects: those and userinfo, registration. */
	private final List<String> jsonEndpoints;

	private final String userInfoEndpoint;

	private final String authorizationEndpoint;

	UnreadableInputFilter(AuthorizationServerSettings settings) {
		this.authorizationEndpoint = settings.getAuthorizationEndpoint();
		this.postOnly = List.of(settings.getTokenEndpoint(), settings.getTokenIntrospectionEndpoint(),
				settings.getTokenRevocationEndpoint(), settings.getPushedAuthorizationRequestEndpoint(),
				settings.getDeviceAuthorizationEndpoint());
		List<String> json = new ArrayList<>(this.postOnly);
		json.add(settings.getOidcClientRegistrationEndpoint());
		json.add(settings.getOidcUserInfoEndpoint());
		this.jsonEndpoints = List.copyOf(json);
		this.userInfoEndpoint = settings.getOidcUserInfoEndpoint();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean protocol = this.jsonEndpoints.contains(path);
		if (this.postOnly.contains(path) && !"POST".equals(request.getMethod())
				&& !"OPTIONS".equals(request.getMethod())) {
			// RFC 6749 section 3.2 and its kin: POST only (a GET was sent to sign in)
			response.setStatus(HttpStatus.METHOD_NOT_ALLOWED.value());
			response.setHeader(HttpHeaders.ALLOW, "POST");
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter()
				.write(json.writeValueAsString(
						Map.of("error", "invalid_request", "error_description", "This endpoint takes POST only.")));
			return;
		}
		if (path.equals(this.authorizationEndpoint) && hasUnreadableName(request)) {
			// RFC 6749 section 3.1: unrecognized parameters are ignored, so that the
			// request's own errors still go to the client; no parameter of ours has such
			// a name
			request = withReadableNamesOnly(request);
		}
		String problem = problemWith(request);
		if (problem == null && protocol) {
			problem = repeatedParameter(request);
		}
		if (problem == null) {
			chain.doFilter(request, response);
			return;
		}
		if (response.isCommitted()) {
			// the body could not be read (a broken chunk): Tomcat answers 400 itself
			return;
		}
		if (protocol) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			if (path.equals(this.userInfoEndpoint)) {
				response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_request\"");
			}
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			response.getWriter()
				.write(json.writeValueAsString(Map.of("error", "invalid_request", "error_description", problem)));
			return;
		}
		response.sendError(HttpStatus.BAD_REQUEST.value(), problem);
	}

	private static boolean hasUnreadableName(HttpServletRequest request) {
		try {
			return request.getParameterMap().keySet().stream().anyMatch((name) -> !readableName(name));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static HttpServletRequest withReadableNamesOnly(HttpServletRequest request) {
		Map<String, String[]> readable = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (readableName(name)) {
				readable.put(name, values);
			}
		});
		return new RequestWithParameters(request, readable);
	}

	private static boolean readableName(String name) {
		return !hasNul(name) && StrictHttpFirewall.ALLOWED_PARAMETER_NAMES.test(name);
	}

	/** What cannot be processed, as a sentence, or null. */
	private static String problemWith(HttpServletRequest request) {
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (RuntimeException ex) {
			return "The request's parameters cannot be read: send them percent-encoded UTF-8.";
		}
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (hasNul(parameter.getKey())) {
				return "A parameter name holds a NUL character.";
			}
			if (!StrictHttpFirewall.ALLOWED_PARAMETER_NAMES.test(parameter.getKey())) {
				return "A parameter name holds a control character.";
			}
			for (String value : parameter.getValue()) {
				if (hasNul(value)) {
					return "The parameter " + printable(parameter.getKey()) + " holds a NUL character.";
				}
			}
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				if (hasNul(credentials) || credentials.contains("%00")) {
					return "The client credentials hold a NUL character.";
				}
			}
			catch (IllegalArgumentException ex) {
				// not Base64: client authentication refuses it with invalid_client
			}
		}
		return null;
	}

	/**
	 * A parameter sent twice: RFC 6749 sections 3.1 and 3.2, "parameters MUST NOT be
	 * included more than once" (the library's own checks did not all expect it).
	 */
	private static String repeatedParameter(HttpServletRequest request) {
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (parameter.getValue().length > 1) {
				return "The parameter " + printable(parameter.getKey()) + " is sent more than once.";
			}
		}
		return null;
	}

	private static boolean hasNul(String value) {
		return value != null && value.indexOf('\0') >= 0;
	}

	/** A parameter name fit to repeat in the answer. */
	private static String printable(String name) {
		return (name.length() <= 40 && name.chars().allMatch((c) -> c >= 0x20 && c < 0x7f && c != '"')) ? name
				: "(unnamed)";
	}

}
