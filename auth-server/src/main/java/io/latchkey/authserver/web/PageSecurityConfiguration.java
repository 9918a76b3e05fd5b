package io.latchkey.authserver.web;

import java.util.Map;

import jakarta.servlet.http.HttpSession;

import io.latchkey.authserver.authorization.BackChannelLogout;
import io.latchkey.authserver.login.PasskeyRelyingParty;
import io.latchkey.authserver.login.SignInAuthenticationProvider;
import io.latchkey.authserver.login.SignOutController;
import io.latchkey.authserver.login.TwoStepSignInHandler;
import io.latchkey.authserver.login.TypedUsername;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.ui.DefaultResourcesFilter;

/**
 * The pages people use: sign-in, registration, consent, their home page.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfiguration {

	static final String LOGIN_PAGE = "/login";

	/** Pages for people who are not signed in, or cannot be. */
	static final String[] PUBLIC_PAGES = { LOGIN_PAGE, "/login/second-factor", "/register", "/verify-email",
			"/verify-email/resend", "/forgot-password", "/reset-password", "/dev/outbox", "/error", "/css/**", "/js/**",
			"/favicon.ico", "/favicon.svg", SignOutController.PATH };

	@Bean
	@Order(2)
	SecurityFilterChain pageSecurityFilterChain(HttpSecurity http, SecurityHeaders securityHeaders,
			SignInAuthenticationProvider signIn, TwoStepSignInHandler twoStepSignIn, PasskeyRelyingParty relyingParty,
			BackChannelLogout backChannelLogout, SignOutController signOut) throws Exception {
		// @formatter:off
		http
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers(PUBLIC_PAGES).permitAll()
				.requestMatchers("/admin/**").hasRole("ADMIN")
				.requestMatchers("/developer/**").hasRole("DEVELOPER")
				.anyRequest().authenticated())
			// the sign-in form goes through our provider only, with no parent to fall back to
			.authenticationManager(new ProviderManager(signIn))
			.formLogin((form) -> form
				.loginPage(LOGIN_PAGE)
				.successHandler(twoStepSignIn)
				.failureHandler(signInFailureHandler()))
			// passkeys: Spring Security's WebAuthn endpoints; the pages that use them are ours
			.webAuthn((webAuthn) -> webAuthn
				.rpName(PasskeyRelyingParty.NAME)
				.rpId(relyingParty.id())
				.allowedOrigins(relyingParty.allowedOrigins())
				.disableDefaultRegistrationPage(true))
			// the library serves its passkey script only beside its own sign-in page; ours needs it too
			.addFilterBefore(DefaultResourcesFilter.webauthn(), UsernamePasswordAuthenticationFilter.class)
			.logout((logout) -> logout
				// back to the application that asked, when its address is registered for it
				// (RP-Initiated Logout 1.0 section 3), else our page saying so
				.logoutSuccessHandler((request, response, authentication) -> {
					String returnTo = signOut.returnAddress(request.getParameter("client_id"),
							request.getParameter("post_logout_redirect_uri"), request.getParameter("state"));
					response.sendRedirect((returnTo != null) ? returnTo : request.getContextPath() + LOGIN_PAGE + "?logout");
				})
				// the person's applications hear of it over the back channel
				.addLogoutHandler((request, response, authentication) -> {
					HttpSession session = request.getSession(false);
					if (authentication != null && session != null) {
						backChannelLogout.sessionEnded(authentication.getName(), session.getId());
					}
				}))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(new ExpiredFormHandler()));
		// @formatter:on
		securityHeaders.apply(http);
		return http.build();
	}

	/**
	 * Every failed sign-in gets the same page, except a right password for an account
	 * that must verify its address first.
	 */
	private static AuthenticationFailureHandler signInFailureHandler() {
		ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
		handler.setExceptionMappings(
				Map.of(SignInAuthenticationProvider.EMAIL_NOT_VERIFIED_EXCEPTION, LOGIN_PAGE + "?unverified"));
		handler.setDefaultFailureUrl(LOGIN_PAGE + "?error");
		// the page that follows keeps the name typed
		return (request, response, exception) -> {
			TypedUsername.remember(request);
			handler.onAuthenticationFailure(request, response, exception);
		};
	}

}
