package io.latchkey.authserver.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.latchkey.authserver.client.ClientHosts;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

	static final String VIEW = "login/login";

	private final RequestCache requestCache = new HttpSessionRequestCache();

	private final RegisteredClientRepository clients;

	LoginController(RegisteredClientRepository clients) {
		this.clients = clients;
	}

	/**
	 * The sign-in page; when a client sent the person here with {@code login_hint}
	 * (OpenID Connect Core 3.1.2.1), the name field is filled in with it; after a failed
	 * attempt, with the name typed then. During an authorization request it names the
	 * application that asks.
	 */
	@GetMapping("/login")
	String showLoginPage(HttpServletRequest request, HttpServletResponse response, Model model) {
		SavedRequest pending = this.requestCache.getRequest(request, response);
		String[] hint = (pending != null) ? pending.getParameterValues("login_hint") : null;
		if (hint != null && hint.length == 1 && hint[0].length() <= 254) {
			model.addAttribute("loginHint", hint[0]);
		}
		// the application that sent the person, by its registered name and address
		String[] clientId = (pending != null) ? pending.getParameterValues(OAuth2ParameterNames.CLIENT_ID) : null;
		RegisteredClient client = (clientId != null && clientId.length == 1) ? this.clients.findByClientId(clientId[0])
				: null;
		if (client != null) {
			model.addAttribute("clientName", client.getClientName());
			model.addAttribute("clientHost", ClientHosts.of(client));
		}
		String typed = TypedUsername.take(request);
		if (typed != null && (request.getParameter("error") != null || request.getParameter("unverified") != null)) {
			model.addAttribute("typedUsername", typed);
		}
		return VIEW;
	}

}
