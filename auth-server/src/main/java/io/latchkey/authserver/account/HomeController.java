package io.latchkey.authserver.account;

import java.security.Principal;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in user's home page. */
@Controller
class HomeController {

	static final String VIEW = "account/home";

	private final UserAccountRepository accounts;

	HomeController(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/")
	String showHome(Principal principal, Model model) {
		UserAccount account = this.accounts.findById(UUID.fromString(principal.getName()))
			.orElseThrow(AccountNotFoundException::new);
		model.addAttribute("account", account);
		return VIEW;
	}

}
