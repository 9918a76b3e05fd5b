package io.latchkey.authserver.authorize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization endpoint's answers, as the library sends them plus the {@code iss}
 * parameter of RFC 9207 (OAuth 2.0 Authorization Server Issuer Identification), which
 * lets a client that talks to several servers tell which one answered (mix-up attacks).
 * Errors without a usable redirect URI, or with a {@code state} too long to carry back,
 * stay on our error page, never redirected.
 */
final class AuthorizationResponses {

	static final String ISSUER_PARAMETER = "iss";

	private AuthorizationResponses() {
	}

	static AuthenticationSuccessHandler success() {
		return (request, response, authentication) -> {
			OAuth2AuthorizationCodeRequestAuthenticationToken token = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
			UriComponentsBuilder redirect = UriComponentsBuilder.fromUriString(token.getRedirectUri())
				.queryParam(OAuth2ParameterNames.CODE, encode(token.getAuthorizationCode().getTokenValue()));
			if (StringUtils.hasText(token.getState())) {
				redirect.queryParam(OAuth2ParameterNames.STATE, encode(token.getState()));
			}
			send(response, redirect);
		};
	}

	static AuthenticationFailureHandler error() {
		return (request, response, exception) -> {
			if (!(exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeRequestException)
					|| codeRequestException.getAuthorizationCodeRequestAuthentication() == null || !StringUtils
						.hasText(codeRequestException.getAuthorizationCodeRequestAuthentication().getRedirectUri())) {
				OAuth2Error error = (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException oauth)
						? oauth.getError() : new OAuth2Error("invalid_request");
				response.sendError(HttpStatus.BAD_REQUEST.value(), error.toString());
				return;
			}
			OAuth2Error error = codeRequestException.getError();
			OAuth2AuthorizationCodeRequestAuthenticationToken token = codeRequestException
				.getAuthorizationCodeRequestAuthentication();
			if (StateLengthValidator.tooLong(token.getState())) {
				// whatever the error, no redirect can carry this state back
				response.sendError(HttpStatus.BAD_REQUEST.value(), new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
						StateLengthValidator.tooLongDescription(), null)
					.toString());
				return;
			}
			UriComponentsBuilder redirect = UriComponentsBuilder.fromUriString(token.getRedirectUri())
				.queryParam(OAuth2ParameterNames.ERROR, encode(error.getErrorCode()));
			if (StringUtils.hasText(error.getDescription())) {
				redirect.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encode(error.getDescription()));
			}
			if (StringUtils.hasText(error.getUri())) {
				redirect.queryParam(OAuth2ParameterNames.ERROR_URI, encode(error.getUri()));
			}
			if (StringUtils.hasText(token.getState())) {
				redirect.queryParam(OAuth2ParameterNames.STATE, encode(token.getState()));
			}
			send(response, redirect);
		};
	}

	private static void send(HttpServletResponse response, UriComponentsBuilder redirect) throws IOException {
		String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
		redirect.queryParam(ISSUER_PARAMETER, encode(issuer));
		response.sendRedirect(redirect.build(true).toUriString());
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
