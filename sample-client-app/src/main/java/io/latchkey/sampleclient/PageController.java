package io.latchkey.sampleclient;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class PageController {

	private final MessagesClient messages;

	PageController(MessagesClient messages) {
		this.messages = messages;
	}

	@GetMapping("/")
	String showLanding() {
		return "index";
	}

	@GetMapping(SignInFailures.PAGE)
	String showSignInFailure(@RequestParam(defaultValue = "other") String error, Model model) {
		SignInFailures.Reason reason = SignInFailures.reasonFor(error);
		model.addAttribute("reason", reason);
		// only a code we know is shown back; the page is reachable by any link
		model.addAttribute("code", (reason != SignInFailures.Reason.OTHER) ? error : "other");
		return "sign-in-failed";
	}

	@GetMapping("/messages")
	String showMessages(@AuthenticationPrincipal OidcUser user,
			@RegisteredOAuth2AuthorizedClient("latchkey") OAuth2AuthorizedClient client, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("scopes", client.getAccessToken().getScopes());
		try {
			model.addAttribute("messages", this.messages.listMessages(client));
		}
		catch (RestClientException ex) {
			model.addAttribute("messages", List.of());
			model.addAttribute("apiError", describe(ex));
		}
		return "messages";
	}

	@PostMapping("/messages")
	String postMessage(@RequestParam(defaultValue = "") String text,
			@RegisteredOAuth2AuthorizedClient("latchkey") OAuth2AuthorizedClient client, RedirectAttributes redirect) {
		if (!StringUtils.hasText(text) || text.length() > 500) {
			redirect.addFlashAttribute("postError", "Write between 1 and 500 characters.");
			return "redirect:/messages";
		}
		try {
			this.messages.postMessage(client, text);
		}
		catch (RestClientException ex) {
			redirect.addFlashAttribute("postError", describe(ex));
		}
		return "redirect:/messages";
	}

	private static String describe(RestClientException ex) {
		if (ex instanceof HttpClientErrorException.Forbidden) {
			return "The API refused: this sign-in did not grant the scope it needs.";
		}
		if (ex instanceof HttpClientErrorException.Unauthorized) {
			return "The API refused the access token.";
		}
		return "The API could not be reached.";
	}

}
