package io.latchkey.authserver.client;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.latchkey.authserver.account.UserAccount;
import io.latchkey.authserver.account.UserAccountRepository;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The developer portal: people with the developer role register and look after their own
 * clients. Another developer's client is answered as not found, so its existence does not
 * leak either.
 */
@Controller
@RequestMapping(DeveloperPortalController.PATH)
class DeveloperPortalController {

	static final String PATH = "/developer/clients";

	static final String LIST_VIEW = "developer/clients";

	static final String FORM_VIEW = "developer/client-form";

	static final String DETAIL_VIEW = "developer/client";

	private final ClientRegistrations registrations;

	private final UserAccountRepository accounts;

	private final InitialAccessTokens initialAccessTokens;

	private final NewClientDefaults defaults;

	DeveloperPortalController(ClientRegistrations registrations, UserAccountRepository accounts,
			InitialAccessTokens initialAccessTokens, NewClientDefaults defaults) {
		this.initialAccessTokens = initialAccessTokens;
		this.defaults = defaults;
		this.registrations = registrations;
		this.accounts = accounts;
	}

	@ModelAttribute("allowedScopes")
	List<String> allowedScopes() {
		return this.registrations.rules().allowedScopes().stream().sorted().toList();
	}

	@ModelAttribute("idTokenAlgorithms")
	List<String> idTokenAlgorithms() {
		return ClientOptions.ID_TOKEN_ALGORITHMS;
	}

	@ModelAttribute("authenticationMethods")
	List<String> authenticationMethods() {
		return ClientOptions.AUTHENTICATION_METHODS;
	}

	@ModelAttribute("clientTypes")
	ClientType[] clientTypes() {
		return ClientType.values();
	}

	@GetMapping
	String listClients(Principal principal, Model model) {
		model.addAttribute("clients", this.registrations.ownedBy(accountId(principal)));
		return LIST_VIEW;
	}

	/** An initial access token for dynamic registration, shown once. */
	@PostMapping("/registration-token")
	String createInitialAccessToken(Principal principal, RedirectAttributes redirect) {
		redirect.addFlashAttribute("initialAccessToken",
				this.initialAccessTokens.issue(accountId(principal), username(principal)));
		return "redirect:" + PATH;
	}

	@GetMapping("/new")
	String initCreationForm(Model model) {
		ClientForm form = new ClientForm();
		form.setRequireProofKey(this.defaults.requireProofKey());
		model.addAttribute("form", form);
		return FORM_VIEW;
	}

	@PostMapping("/new")
	String processCreationForm(Principal principal, @ModelAttribute("form") ClientForm form, BindingResult result,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			// a field that could not even be read (a number that is none, an unknown
			// type)
			return FORM_VIEW;
		}
		ClientRegistrations.Registered registered = this.registrations.register(form.toDefinition(),
				accountId(principal), username(principal));
		if (!registered.problems().isEmpty()) {
			reject(result, registered.problems());
			return FORM_VIEW;
		}
		redirect.addFlashAttribute("secret", registered.secret());
		return "redirect:" + PATH + "/" + registered.client().getId();
	}

	@GetMapping("/{id}")
	String showClient(Principal principal, @PathVariable String id, Model model) {
		RegisteredClient client = ownClient(principal, id);
		model.addAttribute("client", client);
		model.addAttribute("type", RegisteredClients.typeOf(client));
		model.addAttribute("previousSecretValidUntil",
				this.registrations.previousSecretValidUntil(client).orElse(null));
		return DETAIL_VIEW;
	}

	@GetMapping("/{id}/edit")
	String initUpdateForm(Principal principal, @PathVariable String id, Model model) {
		RegisteredClient client = ownClient(principal, id);
		model.addAttribute("form", ClientForm.of(client));
		model.addAttribute("client", client);
		return FORM_VIEW;
	}

	@PostMapping("/{id}/edit")
	String processUpdateForm(Principal principal, @PathVariable String id, @ModelAttribute("form") ClientForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		RegisteredClient client = ownClient(principal, id);
		if (result.hasErrors()) {
			model.addAttribute("client", client);
			return FORM_VIEW;
		}
		List<ClientRules.Problem> problems = this.registrations.update(client, form.toDefinition(),
				accountId(principal), username(principal));
		if (!problems.isEmpty()) {
			reject(result, problems);
			model.addAttribute("client", client);
			return FORM_VIEW;
		}
		redirect.addFlashAttribute("saved", "portal.saved");
		return "redirect:" + PATH + "/" + id;
	}

	@PostMapping("/{id}/secret")
	String rotateSecret(Principal principal, @PathVariable String id,
			@RequestParam(name = "graceHours", defaultValue = "0") int graceHours, RedirectAttributes redirect) {
		RegisteredClient client = ownClient(principal, id);
		if (client.getClientSecret() == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "error.reason.public-no-secret");
		}
		redirect.addFlashAttribute("secret", this.registrations.rotateSecret(client,
				Duration.ofHours(Math.max(graceHours, 0)), accountId(principal), username(principal)));
		return "redirect:" + PATH + "/" + id;
	}

	@PostMapping("/{id}/delete")
	String deleteClient(Principal principal, @PathVariable String id, RedirectAttributes redirect) {
		RegisteredClient client = ownClient(principal, id);
		this.registrations.delete(client, accountId(principal), username(principal));
		redirect.addFlashAttribute("saved", "portal.deleted");
		return "redirect:" + PATH;
	}

	private RegisteredClient ownClient(Principal principal, String id) {
		return this.registrations.findById(id)
			.filter((client) -> this.registrations.isOwnedBy(client, accountId(principal)))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "error.reason.no-such-client"));
	}

	private static void reject(BindingResult result, List<ClientRules.Problem> problems) {
		for (ClientRules.Problem problem : problems) {
			result.rejectValue(problem.field(), problem.messageKey(), new Object[] { problem.value() }, null);
		}
	}

	private String username(Principal principal) {
		return this.accounts.findById(accountId(principal)).map(UserAccount::getUsername).orElse(null);
	}

	private static UUID accountId(Principal principal) {
		return UUID.fromString(principal.getName());
	}

}
