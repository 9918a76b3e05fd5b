package io.latchkey.authserver.account;

import java.security.Principal;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The links in verification messages land here, and people ask for a new one here. The
 * link works without signing in: it is followed from a mail program, often on another
 * device.
 */
@Controller
class VerificationController {

	static final String PATH = "/verify-email";

	static final String RESEND_PATH = "/verify-email/resend";

	static final String RESULT_VIEW = "account/verified";

	static final String RESEND_VIEW = "account/resend-verification";

	private final EmailVerificationService verification;

	private final UserAccountRepository accounts;

	private final RequestLimits limits;

	VerificationController(EmailVerificationService verification, UserAccountRepository accounts,
			RequestLimits limits) {
		this.verification = verification;
		this.accounts = accounts;
		this.limits = limits;
	}

	@GetMapping(PATH)
	String verify(@RequestParam(name = "token", required = false) String token, Model model) {
		model.addAttribute("outcome", this.verification.verify(token));
		return RESULT_VIEW;
	}

	@GetMapping(RESEND_PATH)
	String initResendForm(Model model) {
		model.addAttribute("form", new ResendForm(""));
		return RESEND_VIEW;
	}

	@PostMapping(RESEND_PATH)
	String processResendForm(@Valid @ModelAttribute("form") ResendForm form, BindingResult result,
			HttpServletRequest request, RedirectAttributes redirect) {
		if (!result.hasErrors() && !this.limits.allowRequest("resend", request.getRemoteAddr())) {
			result.reject("request.throttled");
		}
		if (result.hasErrors()) {
			return RESEND_VIEW;
		}
		this.verification.resendVerificationLink(form.email());
		redirect.addFlashAttribute("sent", true);
		return "redirect:" + RESEND_PATH;
	}

	/** The signed-in person's own "send the link again" button on their home page. */
	@PostMapping(RESEND_PATH + "/mine")
	String resendToSignedInAccount(Principal principal, RedirectAttributes redirect) {
		UserAccount account = this.accounts.findById(UUID.fromString(principal.getName()))
			.orElseThrow(AccountNotFoundException::new);
		if (!account.isEmailVerified()) {
			this.verification.sendVerificationLink(account);
		}
		redirect.addFlashAttribute("verificationSent", true);
		return "redirect:/";
	}

	record ResendForm(
			@NotBlank(message = "{registration.email.required}") @Email(message = "{registration.email.invalid}") @Size(
					max = 254, message = "{registration.email.invalid}") String email) {

	}

}
