package io.latchkey.authserver.login;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * After a right password: people with an authenticator app go on to the second step, with
 * the security context emptied again so that the password alone grants nothing; everyone
 * else is signed in and sent where they were going.
 */
public class TwoStepSignInHandler implements AuthenticationSuccessHandler {

	static final Duration SECOND_STEP_TIME = Duration.ofMinutes(5);

	private final SecondFactors secondFactors;

	private final SecurityContextRepository contextRepository;

	private final AuditLog audit;

	private final SignInMeters meters;

	private final Clock clock;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	private final AuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler();

	TwoStepSignInHandler(SecondFactors secondFactors, SecurityContextRepository contextRepository, AuditLog audit,
			SignInMeters meters, Clock clock) {
		this.secondFactors = secondFactors;
		this.contextRepository = contextRepository;
		this.audit = audit;
		this.meters = meters;
		this.clock = clock;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		UUID accountId = UUID.fromString(authentication.getName());
		if (!this.secondFactors.hasTotp(accountId)) {
			this.audit.record(AuditEventType.SIGNED_IN, AuditOutcome.SUCCESS, accountId,
					request.getParameter("username"), "password");
			this.meters.succeeded(SignInMeters.PASSWORD);
			this.signedIn.onAuthenticationSuccess(request, response, authentication);
			return;
		}
		new PendingSignIn(authentication, this.clock.instant().plus(SECOND_STEP_TIME)).store(request);
		this.contextHolder.clearContext();
		this.contextRepository.saveContext(this.contextHolder.createEmptyContext(), request, response);
		response.sendRedirect(request.getContextPath() + SecondFactorController.PATH);
	}

	/** Completes a sign-in whose second factor was right. */
	void completeSignIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException, ServletException {
		var context = this.contextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		this.contextHolder.setContext(context);
		// a new session id for the now signed-in session (session fixation)
		request.changeSessionId();
		this.contextRepository.saveContext(context, request, response);
		this.signedIn.onAuthenticationSuccess(request, response, authentication);
	}

	/**
	 * Adds a factor the signed-in person just proved (setting up an authenticator app
	 * proves a code) to their current sign-in.
	 */
	void addFactor(HttpServletRequest request, HttpServletResponse response, String factor) {
		Authentication current = this.contextHolder.getContext().getAuthentication();
		List<GrantedAuthority> authorities = new ArrayList<>(current.getAuthorities());
		authorities.add(FactorGrantedAuthority.withFactor(factor).issuedAt(this.clock.instant()).build());
		UsernamePasswordAuthenticationToken upgraded = UsernamePasswordAuthenticationToken
			.authenticated(current.getPrincipal(), null, authorities);
		upgraded.setDetails(current.getDetails());
		var context = this.contextHolder.createEmptyContext();
		context.setAuthentication(upgraded);
		this.contextHolder.setContext(context);
		this.contextRepository.saveContext(context, request, response);
	}

}
