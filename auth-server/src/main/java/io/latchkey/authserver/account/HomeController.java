package io.latchkey.authserver.account;

import java.security.Principal;
import java.util.UUID;

import io.latchkey.authserver.audit.AuditLog;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in user's home page: who they are, what they can change, what happened. */
@Controller
class HomeController {

	static final String VIEW = "account/home";

	static final int RECENT_EVENTS = 10;

	private final UserAccountRepository accounts;

	private final AuditLog audit;

	HomeController(UserAccountRepository accounts, AuditLog audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	@GetMapping("/")
	String showHome(Principal principal, Model model) {
		UserAccount account = this.accounts.findById(UUID.fromString(principal.getName()))
			.orElseThrow(AccountNotFoundException::new);
		model.addAttribute("account", account);
		model.addAttribute("events", this.audit.recentFor(account.getId(), RECENT_EVENTS));
		return VIEW;
	}

}
