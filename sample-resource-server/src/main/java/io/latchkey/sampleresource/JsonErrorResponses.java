package io.latchkey.sampleresource;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.DPoPAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * 401 and 403 answers with the {@code WWW-Authenticate} header of RFC 6750 section 3
 * (written by Spring Security's bearer token handlers) and a JSON body that says the
 * same.
 */
@Component
class JsonErrorResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler accessDeniedHandler = new BearerTokenAccessDeniedHandler();

	private final DPoPAuthenticationEntryPoint dPoPEntryPoint = new DPoPAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		this.entryPoint.commence(request, response, exception);
		boolean tokenPresented = request.getHeader("Authorization") != null;
		writeBody(response, tokenPresented ? "invalid_token" : "unauthorized",
				tokenPresented ? "The access token is missing, expired, or not valid for this API."
						: "This API needs a bearer access token.");
	}

	/**
	 * A DPoP request refused: the library's DPoP challenge (RFC 9449 section 7.1) and the
	 * same JSON body.
	 */
	void proofRefused(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		this.dPoPEntryPoint.commence(request, response, exception);
		String error = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getErrorCode()
				: "invalid_token";
		writeBody(response, error,
				"invalid_dpop_proof".equals(error)
						? "The DPoP proof is missing, not for this request, or not made with the token's key."
						: "The access token is missing, expired, or not valid for this API.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		this.accessDeniedHandler.handle(request, response, exception);
		writeBody(response, "insufficient_scope", "The access token does not grant the scope this request needs.");
	}

	private static void writeBody(HttpServletResponse response, String error, String description) throws IOException {
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
	}

}
