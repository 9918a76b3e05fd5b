package io.latchkey.authserver.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Client authentication errors as RFC 6749 section 5.2 has them: {@code invalid_client}
 * with status 401 and a {@code WWW-Authenticate} challenge, whichever way the client
 * tried (section 5.2 requires it after the Authorization header; RFC 9110 section 15.5.2
 * of every 401, so also after a {@code client_id} alone or an assertion); a request that
 * carries no client authentication at all gets the same answer (it was an empty 401).
 * Other errors keep the library's 400.
 */
final class ClientAuthenticationErrors implements AuthenticationFailureHandler, AuthenticationEntryPoint {

	private static final String CHALLENGE = "Basic realm=\"latchkey\"";

	private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
		boolean invalidClient = OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode());
		if (invalidClient) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		}
		write(response, invalidClient ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST, error);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		write(response, HttpStatus.UNAUTHORIZED, new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
				"The client must authenticate: client_secret_basic, client_secret_post or private_key_jwt", null));
	}

	private void write(HttpServletResponse response, HttpStatus status, OAuth2Error error) throws IOException {
		ServletServerHttpResponse out = new ServletServerHttpResponse(response);
		out.setStatusCode(status);
		out.getHeaders().setCacheControl("no-store");
		this.errors.write(error, null, out);
	}

}
