package io.latchkey.authserver.client;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import com.nimbusds.jwt.SignedJWT;
import io.latchkey.authserver.crypto.Hashes;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * "Try it": runs the authorization code flow with PKCE against one of the developer's
 * clients, as that client would, and shows the tokens decoded. The portal is the client
 * here, so the client must list the portal's callback among its redirect URIs; a
 * confidential client's secret is typed in and kept only in the session until the code is
 * exchanged.
 */
@Controller
class TryItController {

	static final String CALLBACK_PATH = DeveloperPortalController.PATH + "/try-callback";

	static final String VIEW = "developer/try";

	static final String RESULT_VIEW = "developer/try-result";

	private static final String STATE = TryItController.class.getName() + ".STATE";

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final ClientRegistrations registrations;

	private final RestClient http;

	private final AuthorizationServerSettings settings;

	TryItController(ClientRegistrations registrations, AuthorizationServerSettings settings, RestClient.Builder http) {
		this.http = http.build();
		this.registrations = registrations;
		this.settings = settings;
	}

	@GetMapping(DeveloperPortalController.PATH + "/{id}/try")
	String showTryIt(Principal principal, @PathVariable String id, Model model) {
		RegisteredClient client = ownClient(principal, id);
		String callback = callbackUri();
		model.addAttribute("client", client);
		model.addAttribute("callback", callback);
		model.addAttribute("callbackRegistered", client.getRedirectUris().contains(callback));
		model.addAttribute("confidential", client.getClientSecret() != null);
		return VIEW;
	}

	@PostMapping(DeveloperPortalController.PATH + "/{id}/try")
	String startFlow(Principal principal, @PathVariable String id,
			@RequestParam(name = "scope", defaultValue = "") List<String> scopes,
			@RequestParam(name = "secret", defaultValue = "") String secret, HttpSession session) {
		RegisteredClient client = ownClient(principal, id);
		String callback = callbackUri();
		if (!client.getRedirectUris().contains(callback)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Add " + callback + " to the client's redirect URIs first.");
		}
		String verifier = random();
		TryState state = new TryState(client.getId(), client.getClientId(), secret, verifier, random(), random(),
				callback);
		session.setAttribute(STATE, state);
		// always openid when the client has it: the page shows what a sign-in returns
		Set<String> requested = new LinkedHashSet<>();
		if (client.getScopes().contains("openid")) {
			requested.add("openid");
		}
		scopes.stream().filter(client.getScopes()::contains).forEach(requested::add);
		String scope = String.join(" ", requested);
		return "redirect:" + UriComponentsBuilder.fromUriString(baseUrl() + this.settings.getAuthorizationEndpoint())
			.queryParam("response_type", "code")
			.queryParam("client_id", client.getClientId())
			.queryParam("redirect_uri", callback)
			.queryParam("scope", scope)
			.queryParam("state", state.state())
			.queryParam("nonce", state.nonce())
			.queryParam("code_challenge", challenge(verifier))
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUriString();
	}

	@GetMapping(CALLBACK_PATH)
	String finishFlow(@RequestParam Map<String, String> response, HttpSession session, Model model) {
		if (!(session.getAttribute(STATE) instanceof TryState state) || !state.state().equals(response.get("state"))) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"This answer belongs to no flow started here; start again from the client's page.");
		}
		session.removeAttribute(STATE);
		model.addAttribute("clientPath", DeveloperPortalController.PATH + "/" + state.registeredClientId());
		if (response.containsKey("error")) {
			model.addAttribute("error", response.get("error"));
			model.addAttribute("errorDescription", response.get("error_description"));
			return RESULT_VIEW;
		}
		try {
			Map<String, Object> tokens = exchange(state, response.get("code"));
			model.addAttribute("idToken", decode((String) tokens.get("id_token")));
			model.addAttribute("accessToken", decode((String) tokens.get("access_token")));
			model.addAttribute("refreshToken", tokens.get("refresh_token") != null);
			model.addAttribute("scope", tokens.get("scope"));
		}
		catch (RestClientResponseException ex) {
			model.addAttribute("error", "token request refused (" + ex.getStatusCode().value() + ")");
			model.addAttribute("errorDescription", ex.getResponseBodyAsString());
		}
		catch (RestClientException ex) {
			model.addAttribute("error", "token request failed");
			model.addAttribute("errorDescription", ex.getMessage());
		}
		return RESULT_VIEW;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> exchange(TryState state, String code) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "authorization_code");
		form.add("code", code);
		form.add("redirect_uri", state.redirectUri());
		form.add("code_verifier", state.verifier());
		RestClient.RequestBodySpec request = this.http.post()
			.uri(baseUrl() + this.settings.getTokenEndpoint())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON);
		if (state.secret().isEmpty()) {
			form.add("client_id", state.clientId());
		}
		else {
			request
				.headers((headers) -> headers.setBasicAuth(state.clientId(), state.secret(), StandardCharsets.UTF_8));
		}
		return request.body(form).retrieve().body(Map.class);
	}

	/**
	 * Header and claims of a JWT as indented JSON, for display; the signature was checked
	 * by no one here, but the token came straight from our token endpoint.
	 */
	private static String decode(String jwt) {
		if (jwt == null) {
			return null;
		}
		try {
			SignedJWT parsed = SignedJWT.parse(jwt);
			Map<String, Object> decoded = new LinkedHashMap<>();
			decoded.put("header", parsed.getHeader().toJSONObject());
			decoded.put("claims", parsed.getJWTClaimsSet().toJSONObject());
			return json.writeValueAsString(decoded);
		}
		catch (ParseException ex) {
			return "not a JWT";
		}
	}

	private RegisteredClient ownClient(Principal principal, String id) {
		UUID accountId = UUID.fromString(principal.getName());
		return this.registrations.findById(id)
			.filter((client) -> this.registrations.isOwnedBy(client, accountId))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "error.reason.no-such-client"));
	}

	private static String callbackUri() {
		return baseUrl() + CALLBACK_PATH;
	}

	private static String baseUrl() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
	}

	private static String random() {
		return UUID.randomUUID() + "-" + UUID.randomUUID();
	}

	private static String challenge(String verifier) {
		return Hashes.sha256Base64Url(verifier);
	}

	/** A flow in progress, in the developer's session. */
	record TryState(String registeredClientId, String clientId, String secret, String verifier, String state,
			String nonce, String redirectUri) implements Serializable {

	}

}
