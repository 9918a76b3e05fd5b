package io.latchkey.authserver.login;

import java.security.Principal;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The page that asks a person whether to sign out, when an application sent them to the
 * end-session endpoint without an ID token to say who asked (RP-Initiated Logout 1.0
 * section 2: the OP asks the person). Confirming posts to the sign-out of our pages; a
 * {@code post_logout_redirect_uri} is followed afterwards only when it is registered for
 * the {@code client_id} that came with it.
 */
@Controller
public class SignOutController {

	/** Where the end-session endpoint sends a request without {@code id_token_hint}. */
	public static final String PATH = "/logout/confirm";

	static final String VIEW = "login/sign-out";

	private final RegisteredClientRepository clients;

	SignOutController(RegisteredClientRepository clients) {
		this.clients = clients;
	}

	@GetMapping(PATH)
	String showSignOut(Principal principal, Model model,
			@RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(name = "post_logout_redirect_uri", required = false) String postLogoutRedirectUri,
			@RequestParam(name = "state", required = false) String state) {
		RegisteredClient client = clientOf(clientId);
		model.addAttribute("signedIn", principal != null);
		model.addAttribute("clientName", (client != null) ? client.getClientName() : null);
		String returnTo = returnAddress(clientId, postLogoutRedirectUri, state);
		if (returnTo != null) {
			model.addAttribute("clientId", clientId);
			model.addAttribute("postLogoutRedirectUri", postLogoutRedirectUri);
			model.addAttribute("state", state);
			model.addAttribute("returnTo", returnTo);
		}
		return VIEW;
	}

	/**
	 * Where to send the person after signing out: the client's registered
	 * {@code post_logout_redirect_uri} with {@code state}, or null when any part does not
	 * check out (an unregistered address is never followed).
	 */
	public String returnAddress(String clientId, String postLogoutRedirectUri, String state) {
		RegisteredClient client = clientOf(clientId);
		if (client == null || !StringUtils.hasText(postLogoutRedirectUri)
				|| !client.getPostLogoutRedirectUris().contains(postLogoutRedirectUri)) {
			return null;
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(postLogoutRedirectUri);
		if (StringUtils.hasText(state)) {
			uri.queryParam("state", state);
		}
		// components encoded as they are: a state with braces is not a URI template
		return uri.build().encode().toUriString();
	}

	private RegisteredClient clientOf(String clientId) {
		return (StringUtils.hasText(clientId) && clientId.length() <= 200 && clientId.indexOf('\0') < 0)
				? this.clients.findByClientId(clientId) : null;
	}

}
