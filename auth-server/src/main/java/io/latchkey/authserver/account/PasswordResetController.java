package io.latchkey.authserver.account;

import java.util.concurrent.Executor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.latchkey.authserver.mail.Mailer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Forgot your password?": the request form, and the form behind the link we send.
 * Opening the link does not use it (mail scanners open links too); choosing the new
 * password does.
 */
@Controller
class PasswordResetController {

	static final String REQUEST_PATH = "/forgot-password";

	static final String RESET_PATH = "/reset-password";

	static final String REQUEST_VIEW = "account/forgot-password";

	static final String RESET_VIEW = "account/reset-password";

	static final String LINK_INVALID_VIEW = "account/reset-link-invalid";

	private final PasswordResetService resets;

	private final PasswordPolicy policy;

	private final RequestLimits limits;

	private final Executor resetRequests;

	private final Mailer mailer;

	PasswordResetController(PasswordResetService resets, PasswordPolicy policy, RequestLimits limits,
			@Qualifier(ResetRequestConfiguration.EXECUTOR) Executor resetRequests, Mailer mailer) {
		this.resetRequests = resetRequests;
		this.mailer = mailer;
		this.resets = resets;
		this.policy = policy;
		this.limits = limits;
	}

	@ModelAttribute("minimumPasswordLength")
	int minimumPasswordLength() {
		return this.policy.minimumLength();
	}

	@GetMapping(REQUEST_PATH)
	String initRequestForm(Model model) {
		model.addAttribute("form", new RequestForm(""));
		return REQUEST_VIEW;
	}

	@PostMapping(REQUEST_PATH)
	String processRequestForm(@Valid @ModelAttribute("form") RequestForm form, BindingResult result,
			HttpServletRequest request, RedirectAttributes redirect) {
		if (!result.hasErrors() && !this.limits.allowRequest("reset", request.getRemoteAddr())) {
			result.reject("request.throttled");
		}
		if (result.hasErrors()) {
			return REQUEST_VIEW;
		}
		// known and unknown addresses get the same answer after the same work
		String email = form.email();
		this.resetRequests.execute(this.mailer.afterRequest(() -> this.resets.requestReset(email)));
		redirect.addFlashAttribute("sent", true);
		return "redirect:" + REQUEST_PATH;
	}

	@GetMapping(RESET_PATH)
	String initResetForm(@RequestParam(name = "token", required = false) String token, Model model) {
		if (this.resets.accountForLink(token).isEmpty()) {
			return LINK_INVALID_VIEW;
		}
		model.addAttribute("form", new ResetForm(token, "", ""));
		return RESET_VIEW;
	}

	@PostMapping(RESET_PATH)
	String processResetForm(@Valid @ModelAttribute("form") ResetForm form, BindingResult result) {
		if (!result.hasFieldErrors("password") && !form.password().equals(form.confirmPassword())) {
			result.rejectValue("confirmPassword", "registration.password.mismatch");
		}
		if (result.hasErrors()) {
			return RESET_VIEW;
		}
		PasswordResetService.ResetResult reset = this.resets.resetPassword(form.token(), form.password());
		if (reset == PasswordResetService.ResetResult.LINK_INVALID) {
			return LINK_INVALID_VIEW;
		}
		if (!reset.done()) {
			result.rejectValue("password", reset.messageKey(), new Object[] { this.policy.minimumLength() }, null);
			return RESET_VIEW;
		}
		return "redirect:/login?reset";
	}

	record RequestForm(
			@NotBlank(message = "{registration.email.required}") @Email(message = "{registration.email.invalid}") @Size(
					max = 254, message = "{registration.email.invalid}") String email) {

	}

	record ResetForm(String token, @NotBlank(message = "{registration.password.required}") @Size(max = 256,
			message = "{registration.password.too-long}") String password, String confirmPassword) {

		ResetForm {
			token = (token != null) ? token : "";
			password = (password != null) ? password : "";
			confirmPassword = (confirmPassword != null) ? confirmPassword : "";
		}

	}

}
