package io.latchkey.authserver.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class RegistrationController {

	static final String VIEW = "account/register";

	private final RegistrationService registrationService;

	private final RequestLimits limits;

	RegistrationController(RegistrationService registrationService, RequestLimits limits) {
		this.registrationService = registrationService;
		this.limits = limits;
	}

	@ModelAttribute("minimumPasswordLength")
	int minimumPasswordLength() {
		return this.registrationService.minimumPasswordLength();
	}

	@GetMapping("/register")
	String initRegistrationForm(Model model) {
		model.addAttribute("form", new RegistrationForm());
		return VIEW;
	}

	@PostMapping("/register")
	String processRegistrationForm(@Valid @ModelAttribute("form") RegistrationForm form, BindingResult result,
			HttpServletRequest request, RedirectAttributes redirect) {
		if (!this.limits.allowRequest("register", request.getRemoteAddr())) {
			result.reject("request.throttled");
		}
		UserAccount account = result.hasGlobalErrors() ? null : this.registrationService.register(form, result);
		if (account == null) {
			form.setPassword("");
			form.setConfirmPassword("");
			return VIEW;
		}
		redirect.addFlashAttribute("registeredUsername", account.getUsername());
		return "redirect:/login?registered";
	}

}
