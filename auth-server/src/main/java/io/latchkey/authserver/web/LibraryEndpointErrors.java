package io.latchkey.authserver.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The error answers of the library's userinfo, registration and logout endpoints, with
 * two changes. Those endpoints turn any unexpected exception into {@code invalid_request}
 * whose description is the exception's message (SQL included); such a description is
 * replaced by a sentence. And userinfo's own {@code invalid_token} and
 * {@code insufficient_scope} (a revoked token, a token without {@code openid}) carry the
 * challenge RFC 6750 section 3 asks for.
 */
final class LibraryEndpointErrors {

	/** How the library's catch-alls begin their descriptions. */
	private static final List<String> CATCH_ALL_PREFIXES = List.of("OpenID Connect 1.0 UserInfo Error: ",
			"OpenID Connect 1.0 Client Registration Error: ", "OpenID Client Registration Error: ",
			"OAuth 2.0 Client Registration Error: ", "OpenID Connect 1.0 RP-Initiated Logout Error: ");

	private static final String UNPROCESSABLE = "The request could not be processed.";

	private static final HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();

	private LibraryEndpointErrors() {
	}

	/** Userinfo (OpenID Connect Core 5.3.3, RFC 6750 section 3). */
	static AuthenticationFailureHandler userInfo() {
		return (request, response, exception) -> json(response, quiet(exception),
				isDPoP(request.getHeader(HttpHeaders.AUTHORIZATION)) ? "DPoP" : "Bearer");
	}

	/** Client registration (RFC 7591 section 3.2.2). */
	static AuthenticationFailureHandler registration() {
		return (request, response, exception) -> json(response, quiet(exception), null);
	}

	/** RP-initiated logout: the error page, as the library shows it. */
	static AuthenticationFailureHandler logout() {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> response
			.sendError(HttpStatus.BAD_REQUEST.value(), quiet(exception).toString());
	}

	private static OAuth2Error quiet(AuthenticationException exception) {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
		String description = error.getDescription();
		if (description != null && CATCH_ALL_PREFIXES.stream().anyMatch(description::startsWith)) {
			return new OAuth2Error(error.getErrorCode(), UNPROCESSABLE, error.getUri());
		}
		return error;
	}

	private static boolean isDPoP(String authorization) {
		return authorization != null && authorization.regionMatches(true, 0, "DPoP ", 0, 5);
	}

	/** The error in JSON, with a challenge of the scheme given (RFC 9449 section 7.1). */
	private static void json(HttpServletResponse response, OAuth2Error error, String scheme) throws IOException {
		HttpStatus status = switch (error.getErrorCode()) {
			case OAuth2ErrorCodes.INVALID_TOKEN, OAuth2ErrorCodes.INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
			case OAuth2ErrorCodes.INSUFFICIENT_SCOPE -> HttpStatus.FORBIDDEN;
			default -> HttpStatus.BAD_REQUEST;
		};
		if (scheme != null && status != HttpStatus.BAD_REQUEST) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, scheme + " error=\"" + error.getErrorCode() + "\"");
		}
		ServletServerHttpResponse out = new ServletServerHttpResponse(response);
		out.setStatusCode(status);
		errors.write(error, null, out);
	}

}
