package io.latchkey.authserver.account;

import java.security.Principal;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The pages where a signed-in person changes their own account. */
@Controller
@RequestMapping(ProfileController.PATH)
class ProfileController {

	static final String PATH = "/account";

	static final String DETAILS_VIEW = "account/details";

	static final String EMAIL_VIEW = "account/email";

	static final String PASSWORD_VIEW = "account/password";

	static final String DELETE_VIEW = "account/delete";

	private final ProfileService profiles;

	private final PasswordPolicy policy;

	ProfileController(ProfileService profiles, PasswordPolicy policy) {
		this.profiles = profiles;
		this.policy = policy;
	}

	@ModelAttribute("minimumPasswordLength")
	int minimumPasswordLength() {
		return this.policy.minimumLength();
	}

	@GetMapping("/details")
	String initDetailsForm(Principal principal, Model model) {
		model.addAttribute("form", ProfileForms.Details.of(this.profiles.account(accountId(principal))));
		return DETAILS_VIEW;
	}

	@PostMapping("/details")
	String processDetailsForm(Principal principal, @Valid @ModelAttribute("form") ProfileForms.Details form,
			BindingResult result, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			this.profiles.updateDetails(accountId(principal), form, result);
		}
		if (result.hasErrors()) {
			return DETAILS_VIEW;
		}
		redirect.addFlashAttribute("saved", "profile.saved");
		return "redirect:/";
	}

	@GetMapping("/email")
	String initEmailForm(Principal principal, Model model) {
		model.addAttribute("form", new ProfileForms.EmailChange("", ""));
		model.addAttribute("account", this.profiles.account(accountId(principal)));
		return EMAIL_VIEW;
	}

	@PostMapping("/email")
	String processEmailForm(Principal principal, @Valid @ModelAttribute("form") ProfileForms.EmailChange form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			this.profiles.requestEmailChange(accountId(principal), form, result);
		}
		if (result.hasErrors()) {
			model.addAttribute("account", this.profiles.account(accountId(principal)));
			return EMAIL_VIEW;
		}
		redirect.addFlashAttribute("saved", "profile.email.sent");
		return "redirect:/";
	}

	@GetMapping("/password")
	String initPasswordForm(Model model) {
		model.addAttribute("form", new ProfileForms.PasswordChange("", "", ""));
		return PASSWORD_VIEW;
	}

	@PostMapping("/password")
	String processPasswordForm(Principal principal, @Valid @ModelAttribute("form") ProfileForms.PasswordChange form,
			BindingResult result, HttpServletRequest request, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			this.profiles.changePassword(accountId(principal), form, request.getSession().getId(), result);
		}
		if (result.hasErrors()) {
			return PASSWORD_VIEW;
		}
		redirect.addFlashAttribute("saved", "profile.password.changed");
		return "redirect:/";
	}

	@GetMapping("/delete")
	String initDeleteForm(Model model) {
		model.addAttribute("form", new ProfileForms.Deletion(""));
		return DELETE_VIEW;
	}

	@PostMapping("/delete")
	String processDeleteForm(Principal principal, @Valid @ModelAttribute("form") ProfileForms.Deletion form,
			BindingResult result, HttpServletRequest request) throws ServletException {
		if (!result.hasErrors()) {
			this.profiles.deleteAccount(accountId(principal), form, result);
		}
		if (result.hasErrors()) {
			return DELETE_VIEW;
		}
		request.logout();
		return "redirect:/login?deleted";
	}

	private static UUID accountId(Principal principal) {
		return UUID.fromString(principal.getName());
	}

}
