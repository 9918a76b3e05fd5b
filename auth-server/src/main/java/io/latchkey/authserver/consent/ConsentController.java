package io.latchkey.authserver.consent;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import io.latchkey.authserver.client.ClientHosts;
import io.latchkey.authserver.client.LatchkeyClientSettings;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Shows what a client asks for: the scopes to approve now and those the person allowed
 * before. Allow posts exactly the requested scopes the person keeps; Deny posts none,
 * which {@link ConsentDenial} answers with {@code access_denied}. Both post back to the
 * authorization (or device verification) endpoint, where the library records the
 * decision.
 */
@Controller
public class ConsentController {

	/** Where the authorization endpoint sends the user for consent. */
	public static final String PATH = "/oauth2/consent";

	static final String VIEW = "consent/consent";

	/**
	 * The origin of the client's logo, for the page's Content-Security-Policy (our pages
	 * load images from ourselves only, this one also from there).
	 */
	private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?");

	public static final String IMAGE_ORIGIN_ATTRIBUTE = ConsentController.class.getName() + ".imageOrigin";

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	private final AuthorizationServerSettings settings;

	ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents,
			AuthorizationServerSettings settings) {
		this.clients = clients;
		this.consents = consents;
		this.settings = settings;
	}

	@GetMapping(PATH)
	String showConsent(Principal principal, Model model, HttpServletRequest request,
			@RequestParam(name = OAuth2ParameterNames.CLIENT_ID, required = false) String clientId,
			@RequestParam(name = OAuth2ParameterNames.SCOPE, required = false) String scope,
			@RequestParam(name = OAuth2ParameterNames.STATE, required = false) String state,
			@RequestParam(name = OAuth2ParameterNames.USER_CODE, required = false) String userCode) {
		RegisteredClient client = StringUtils.hasText(clientId) ? this.clients.findByClientId(clientId) : null;
		if (client == null || !StringUtils.hasText(state)) {
			throw new InvalidConsentRequestException();
		}
		Set<String> approvedBefore = new LinkedHashSet<>();
		OAuth2AuthorizationConsent existing = this.consents.findById(client.getId(), principal.getName());
		if (existing != null) {
			approvedBefore.addAll(existing.getScopes());
		}
		// the form asks for exactly what was requested: what was allowed before but not
		// requested now is not shown, and never posted (the library refuses a decision
		// wider than the request)
		List<String> toApprove = new ArrayList<>();
		List<String> previouslyApproved = new ArrayList<>();
		boolean openid = false;
		for (String requested : new LinkedHashSet<>(List.of(StringUtils.tokenizeToStringArray(scope, " ")))) {
			if (OidcScopes.OPENID.equals(requested)) {
				// implied by signing in: needs no separate approval, but is part of Allow
				openid = true;
			}
			else if (approvedBefore.contains(requested)) {
				previouslyApproved.add(requested);
			}
			else {
				toApprove.add(requested);
			}
		}
		toApprove.sort(ScopeOrder.SCOPES);
		previouslyApproved.sort(ScopeOrder.SCOPES);
		model.addAttribute("clientId", client.getClientId());
		model.addAttribute("clientHost", ClientHosts.of(client));
		model.addAttribute("clientName", client.getClientName());
		// the pages the client registered (RFC 7591 section 2); its logo may be shown
		// from its own origin only
		LatchkeyClientSettings pages = LatchkeyClientSettings.of(client);
		String logoOrigin = (pages.logoUri() != null) ? originOf(pages.logoUri()) : null;
		if (logoOrigin != null) {
			model.addAttribute("logoUri", pages.logoUri());
			request.setAttribute(IMAGE_ORIGIN_ATTRIBUTE, logoOrigin);
		}
		model.addAttribute("policyUri", pages.policyUri());
		model.addAttribute("tosUri", pages.tosUri());
		model.addAttribute("state", state);
		model.addAttribute("scopes", toApprove);
		model.addAttribute("previouslyApprovedScopes", previouslyApproved);
		model.addAttribute("openid", openid);
		// a device's request (RFC 8628) is approved at the device verification endpoint
		model.addAttribute("authorizationEndpoint", StringUtils.hasText(userCode)
				? this.settings.getDeviceVerificationEndpoint() : this.settings.getAuthorizationEndpoint());
		model.addAttribute("userCode", userCode);
		return VIEW;
	}

	/** scheme://host[:port], or null when it is anything else (it goes into a header). */
	private static String originOf(String uri) {
		try {
			URI parsed = new URI(uri);
			String origin = parsed.getScheme() + "://" + parsed.getRawAuthority();
			return ORIGIN.matcher(origin).matches() ? origin : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
