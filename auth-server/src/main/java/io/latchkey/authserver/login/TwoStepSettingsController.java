package io.latchkey.authserver.login;

import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.latchkey.authserver.account.CurrentPasswordCheck;
import io.latchkey.authserver.account.UserAccount;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;
import io.latchkey.authserver.key.KeyEncryptor;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where a signed-in person sets up and removes their second factors. Every change asks
 * for the current password, so a borrowed session cannot add a factor that locks the
 * owner out.
 */
@Controller
@RequestMapping(TwoStepSettingsController.PATH)
class TwoStepSettingsController {

	static final String PATH = "/account/security";

	static final String VIEW = "login/security";

	static final String TOTP_SETUP_VIEW = "login/totp-setup";

	static final String RECOVERY_CODES_VIEW = "login/recovery-codes";

	/** The secret being set up, encrypted, until the first code confirms it. */
	private static final String PENDING_SECRET = TwoStepSettingsController.class.getName() + ".PENDING_SECRET";

	private static final String ISSUER = "Latchkey";

	private final SecondFactors secondFactors;

	private final CurrentPasswordCheck currentPassword;

	private final KeyEncryptor encryptor;

	private final AuditLog audit;

	private final UserAccountRepository accounts;

	private final TwoStepSignInHandler signIn;

	private final Passkeys passkeys;

	TwoStepSettingsController(SecondFactors secondFactors, CurrentPasswordCheck currentPassword, KeyEncryptor encryptor,
			AuditLog audit, UserAccountRepository accounts, TwoStepSignInHandler signIn, Passkeys passkeys) {
		this.passkeys = passkeys;
		this.accounts = accounts;
		this.signIn = signIn;
		this.secondFactors = secondFactors;
		this.currentPassword = currentPassword;
		this.encryptor = encryptor;
		this.audit = audit;
	}

	@GetMapping
	String showSettings(Principal principal, Model model) {
		UUID accountId = accountId(principal);
		model.addAttribute("totpEnabled", this.secondFactors.hasTotp(accountId));
		model.addAttribute("recoveryCodesLeft", this.secondFactors.unusedRecoveryCodes(accountId));
		this.passkeys.prepare(accountId, username(principal));
		model.addAttribute("passkeys", this.passkeys.of(accountId));
		return VIEW;
	}

	/**
	 * Where Spring Security's passkey script goes after adding or removing a passkey (the
	 * library's own page is turned off).
	 */
	@GetMapping("/passkeys/done")
	String passkeysChanged(RedirectAttributes redirect) {
		redirect.addFlashAttribute("saved", "security.passkeys.changed");
		return "redirect:" + PATH;
	}

	@GetMapping("/totp")
	String initTotpSetup(Principal principal, HttpSession session, Model model) {
		byte[] secret = Totp.newSecret();
		session.setAttribute(PENDING_SECRET, this.encryptor.encrypt(Base64.getEncoder().encodeToString(secret)));
		return totpSetupPage(principal, secret, model);
	}

	@PostMapping("/totp")
	String processTotpSetup(Principal principal, @RequestParam(name = "code", defaultValue = "") String code,
			@RequestParam(name = "currentPassword", defaultValue = "") String password, HttpServletRequest request,
			HttpServletResponse response, HttpSession session, Model model, RedirectAttributes redirect) {
		if (!(session.getAttribute(PENDING_SECRET) instanceof String pendingSecret)) {
			return "redirect:" + PATH + "/totp";
		}
		byte[] secret = Base64.getDecoder().decode(this.encryptor.decrypt(pendingSecret));
		UUID accountId = accountId(principal);
		if (!this.currentPassword.matches(accountId, password)) {
			model.addAttribute("passwordError", true);
			return totpSetupPage(principal, secret, model);
		}
		long step = Totp.matchingStep(secret, code.replace(" ", ""), this.secondFactors.now());
		if (step < 0) {
			model.addAttribute("codeError", true);
			return totpSetupPage(principal, secret, model);
		}
		List<String> recoveryCodes = this.secondFactors.enableTotp(accountId, secret, step);
		session.removeAttribute(PENDING_SECRET);
		this.audit.record(AuditEventType.FACTOR_ADDED, AuditOutcome.SUCCESS, accountId, null, "authenticator app");
		// the code just entered proves the app: this sign-in counts as two-step from now
		// on
		this.signIn.addFactor(request, response, SecondFactorController.TOTP_FACTOR);
		redirect.addFlashAttribute("recoveryCodes", recoveryCodes);
		return "redirect:" + PATH + "/recovery-codes";
	}

	/**
	 * Shows new recovery codes, once: they arrive as a flash attribute and are not stored
	 * readable.
	 */
	@GetMapping("/recovery-codes")
	String showRecoveryCodes(Model model) {
		if (!model.containsAttribute("recoveryCodes")) {
			return "redirect:" + PATH;
		}
		return RECOVERY_CODES_VIEW;
	}

	@PostMapping("/recovery-codes")
	String replaceRecoveryCodes(Principal principal,
			@RequestParam(name = "currentPassword", defaultValue = "") String password, RedirectAttributes redirect) {
		UUID accountId = accountId(principal);
		if (!this.secondFactors.hasTotp(accountId)) {
			return "redirect:" + PATH;
		}
		if (!this.currentPassword.matches(accountId, password)) {
			redirect.addFlashAttribute("passwordError", true);
			return "redirect:" + PATH;
		}
		redirect.addFlashAttribute("recoveryCodes", this.secondFactors.replaceRecoveryCodes(accountId));
		return "redirect:" + PATH + "/recovery-codes";
	}

	@PostMapping("/totp/remove")
	String removeTotp(Principal principal, @RequestParam(name = "currentPassword", defaultValue = "") String password,
			RedirectAttributes redirect) {
		UUID accountId = accountId(principal);
		if (!this.currentPassword.matches(accountId, password)) {
			redirect.addFlashAttribute("passwordError", true);
			return "redirect:" + PATH;
		}
		this.secondFactors.disableTotp(accountId);
		this.audit.record(AuditEventType.FACTOR_REMOVED, AuditOutcome.SUCCESS, accountId, null, "authenticator app");
		redirect.addFlashAttribute("saved", "security.totp.removed");
		return "redirect:" + PATH;
	}

	private String totpSetupPage(Principal principal, byte[] secret, Model model) {
		String uri = Totp.provisioningUri(secret, ISSUER, username(principal));
		model.addAttribute("qrCode", QrCodes.svgDataUri(uri));
		model.addAttribute("secret", Totp.base32(secret).replaceAll("(.{4})(?!$)", "$1 "));
		return TOTP_SETUP_VIEW;
	}

	private String username(Principal principal) {
		return this.accounts.findById(accountId(principal)).map(UserAccount::getUsername).orElse(principal.getName());
	}

	private static UUID accountId(Principal principal) {
		return UUID.fromString(principal.getName());
	}

}
