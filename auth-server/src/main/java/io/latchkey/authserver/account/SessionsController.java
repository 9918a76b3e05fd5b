package io.latchkey.authserver.account;

import java.security.Principal;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Where you are signed in": the person's sessions, each of which they may sign out. */
@Controller
class SessionsController {

	static final String PATH = "/account/sessions";

	static final String VIEW = "account/sessions";

	private final AccountSessions sessions;

	SessionsController(AccountSessions sessions) {
		this.sessions = sessions;
	}

	@GetMapping(PATH)
	String showSessions(Principal principal, HttpServletRequest request, Model model) {
		model.addAttribute("sessions", this.sessions.list(accountId(principal), currentSessionId(request)));
		return VIEW;
	}

	@PostMapping(PATH + "/sign-out")
	String signOut(Principal principal, HttpServletRequest request,
			@RequestParam(name = "session", defaultValue = "") String session, RedirectAttributes redirect) {
		if (this.sessions.signOut(accountId(principal), session, currentSessionId(request))) {
			redirect.addFlashAttribute("saved", "sessions.signed-out");
		}
		return "redirect:" + PATH;
	}

	@PostMapping(PATH + "/sign-out-others")
	String signOutOthers(Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		int ended = this.sessions.signOutOthers(accountId(principal), currentSessionId(request));
		redirect.addFlashAttribute("saved", (ended > 0) ? "sessions.others-signed-out" : "sessions.no-others");
		return "redirect:" + PATH;
	}

	private static UUID accountId(Principal principal) {
		return UUID.fromString(principal.getName());
	}

	private static @Nullable String currentSessionId(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null) ? session.getId() : null;
	}

}
