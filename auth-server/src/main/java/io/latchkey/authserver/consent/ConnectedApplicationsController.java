package io.latchkey.authserver.consent;

import java.security.Principal;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The person's connected applications, each with a button that removes its access. */
@Controller
class ConnectedApplicationsController {

	static final String PATH = "/account/applications";

	static final String VIEW = "consent/applications";

	private final ConnectedApplications applications;

	ConnectedApplicationsController(ConnectedApplications applications) {
		this.applications = applications;
	}

	@GetMapping(PATH)
	String showApplications(Principal principal, Model model) {
		model.addAttribute("applications", this.applications.of(UUID.fromString(principal.getName())));
		return VIEW;
	}

	@PostMapping(PATH + "/remove")
	String removeAccess(Principal principal, @RequestParam(name = "application", defaultValue = "") String application,
			RedirectAttributes redirect) {
		String name = this.applications.remove(UUID.fromString(principal.getName()), application);
		if (name != null) {
			redirect.addFlashAttribute("removed", name);
		}
		return "redirect:" + PATH;
	}

}
