package io.latchkey.authserver.login;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;
import io.latchkey.authserver.throttle.AttemptThrottle;
import io.latchkey.authserver.throttle.ThrottleProperties;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of signing in: a code from the authenticator app, or one of the
 * recovery codes. Wrong codes count towards a throttle of their own, with the same delays
 * and lock as passwords.
 */
@Controller
class SecondFactorController {

	static final String PATH = "/login/second-factor";

	static final String VIEW = "login/second-factor";

	/** The factor an authenticator-app code proves ({@code amr} "otp"). */
	static final String TOTP_FACTOR = "TOTP";

	/** The factor a recovery code proves (also a one-time code, {@code amr} "otp"). */
	static final String RECOVERY_CODE_FACTOR = "RECOVERY_CODE";

	private final SecondFactors secondFactors;

	private final TwoStepSignInHandler signIn;

	private final AttemptThrottle throttle;

	private final ThrottleProperties throttleRules;

	private final AuditLog audit;

	private final SignInMeters meters;

	SecondFactorController(SecondFactors secondFactors, TwoStepSignInHandler signIn, AttemptThrottle throttle,
			ThrottleProperties throttleRules, AuditLog audit, SignInMeters meters) {
		this.meters = meters;
		this.secondFactors = secondFactors;
		this.signIn = signIn;
		this.throttle = throttle;
		this.throttleRules = throttleRules;
		this.audit = audit;
	}

	@GetMapping(PATH)
	String showSecondFactorForm(HttpServletRequest request) {
		if (PendingSignIn.find(request, this.secondFactors.now()) == null) {
			return "redirect:/login";
		}
		return VIEW;
	}

	@PostMapping(PATH)
	String processSecondFactor(@RequestParam(name = "code", defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response, Model model) throws IOException, ServletException {
		PendingSignIn pending = PendingSignIn.find(request, this.secondFactors.now());
		if (pending == null) {
			return "redirect:/login?expired";
		}
		String key = AttemptThrottle.secondFactorKey(pending.accountId());
		String factor = null;
		if (!this.throttle.isBlocked(key)) {
			String trimmed = code.replace(" ", "").trim();
			if (this.secondFactors.useTotpCode(pending.accountId(), trimmed)) {
				factor = TOTP_FACTOR;
			}
			else if (this.secondFactors.useRecoveryCode(pending.accountId(), trimmed)) {
				factor = RECOVERY_CODE_FACTOR;
				this.audit.record(AuditEventType.RECOVERY_CODE_USED, AuditOutcome.SUCCESS, pending.accountId(), null);
			}
		}
		if (factor == null) {
			this.throttle.count(key, this.throttleRules.signInAccount());
			this.audit.record(AuditEventType.SIGN_IN_FAILED, AuditOutcome.FAILURE, pending.accountId(), null,
					"second factor");
			this.meters.failed(SignInMeters.AUTHENTICATOR_APP);
			model.addAttribute("failed", true);
			return VIEW;
		}
		this.throttle.clear(key);
		PendingSignIn.clear(request);
		this.audit.record(AuditEventType.SIGNED_IN, AuditOutcome.SUCCESS, pending.accountId(), null,
				"password, " + (factor.equals(TOTP_FACTOR) ? "authenticator app" : "recovery code"));
		this.meters.succeeded(factor.equals(TOTP_FACTOR) ? SignInMeters.AUTHENTICATOR_APP : SignInMeters.RECOVERY_CODE);
		this.signIn.completeSignIn(request, response, withFactor(pending.passwordAuthentication(), factor));
		return null;
	}

	private Authentication withFactor(Authentication password, String factor) {
		List<GrantedAuthority> authorities = new ArrayList<>(password.getAuthorities());
		authorities.add(FactorGrantedAuthority.withFactor(factor).issuedAt(this.secondFactors.now()).build());
		UsernamePasswordAuthenticationToken full = UsernamePasswordAuthenticationToken
			.authenticated(password.getPrincipal(), null, authorities);
		full.setDetails(password.getDetails());
		return full;
	}

}
