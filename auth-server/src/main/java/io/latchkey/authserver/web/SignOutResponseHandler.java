package io.latchkey.authserver.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.latchkey.authserver.authorization.BackChannelLogout;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.util.StringUtils;

/**
 * Where RP-initiated logout ends: at the client's registered post-logout URI when it
 * asked for one (the library's handler, which has validated it), else on our sign-in page
 * saying the user has signed out, rather than the library's bare redirect to "/".
 */
class SignOutResponseHandler implements AuthenticationSuccessHandler {

	private final OidcLogoutAuthenticationSuccessHandler toClient = new OidcLogoutAuthenticationSuccessHandler();

	private final SecurityContextLogoutHandler logoutHandler = new SecurityContextLogoutHandler();

	private final BackChannelLogout backChannelLogout;

	SignOutResponseHandler(BackChannelLogout backChannelLogout) {
		this.backChannelLogout = backChannelLogout;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		if (authentication instanceof OidcLogoutAuthenticationToken logout && logout.isPrincipalAuthenticated()) {
			// the other applications of this person hear of it over the back channel
			String name = ((Authentication) logout.getPrincipal()).getName();
			if (logout.getSessionId() != null) {
				this.backChannelLogout.sessionEnded(name, logout.getSessionId());
			}
			else {
				this.backChannelLogout.sessionEnded(name);
			}
		}
		if (authentication instanceof OidcLogoutAuthenticationToken logout && logout.isAuthenticated()
				&& StringUtils.hasText(logout.getPostLogoutRedirectUri())) {
			this.toClient.onAuthenticationSuccess(request, response, authentication);
			return;
		}
		if (authentication instanceof OidcLogoutAuthenticationToken logout && logout.isPrincipalAuthenticated()) {
			this.logoutHandler.logout(request, response, (Authentication) logout.getPrincipal());
		}
		response.sendRedirect(request.getContextPath() + PageSecurityConfiguration.LOGIN_PAGE + "?logout");
	}

}
