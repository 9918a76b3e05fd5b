package io.latchkey.authserver.authorize;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import io.latchkey.authserver.client.ClientDocuments;
import io.latchkey.authserver.client.ClientKeys;
import io.latchkey.authserver.client.TokenProperties;
import io.latchkey.authserver.consent.ConsentController;
import io.latchkey.authserver.consent.ConsentDenial;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.RequestCacheAwareFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.CompositeFilter;

/**
 * The authorization request, from its arrival at the authorization or PAR endpoint until
 * the person is sent to sign in or the client gets its answer: every step in the order it
 * runs, one line each with the rule it enforces. The endpoints are the library's (it adds
 * its own checks of grant type, PKCE method and prompt); what is listed here is ours.
 * {@code web} applies it to the protocol chain with {@link #configure}.
 */
@Component
public class AuthorizationRequestPipeline {

	/** Discovery's {@code request_object_signing_alg_values_supported} (RFC 9101). */
	public static final List<String> REQUEST_OBJECT_SIGNING_ALGORITHMS = RequestObjects.SIGNING_ALGORITHMS;

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationService authorizations;

	private final AuthorizationServerSettings settings;

	private final TokenProperties tokens;

	private final ClientDocuments documents;

	private final ClientKeys clientKeys;

	private final Clock clock;

	AuthorizationRequestPipeline(RegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
			AuthorizationServerSettings settings, TokenProperties tokens, ClientDocuments documents,
			ClientKeys clientKeys, Clock clock) {
		this.clients = clients;
		this.documents = documents;
		this.clientKeys = clientKeys;
		this.authorizations = authorizations;
		this.settings = settings;
		this.tokens = tokens;
		this.clock = clock;
	}

	/**
	 * Puts the steps into the protocol chain and the library's authorization and PAR
	 * endpoints.
	 * @param loginPage where a person signs in
	 * @param requestCache where a request that waits for sign-in is kept
	 */
	public void configure(HttpSecurity http, OAuth2AuthorizationServerConfigurer server, String loginPage,
			RequestCache requestCache) {
		String authorize = this.settings.getAuthorizationEndpoint();
		String par = this.settings.getPushedAuthorizationRequestEndpoint();

		// Before the library reads the request, in this order (a CompositeFilter runs
		// its filters as listed). The library's endpoint filters take the same place in
		// the chain; Spring Security keeps filters of one place in the order they were
		// added, and these are added now, before the configurer adds the library's.
		CompositeFilter beforeTheLibrary = new CompositeFilter();
		beforeTheLibrary.setFilters(List.of(
				// a request kept while the person signed in goes on with its parameters,
				// also a
				// form POST (OIDC Core 3.1.2.1); Spring Security would restore it only
				// after the
				// library's endpoint had read the request
				new RequestCacheAwareFilter(requestCache),
				// a parameter sent twice goes to the client (RFC 6749 sections 3.1,
				// 4.1.2.1)
				new RepeatedParameterCheck(this.clients, authorize, AuthorizationResponses.error()),
				// request and request_uri become the request (RFC 9101 sections 4-6)
				new RequestObjects(this.clients, this.documents, this.clientKeys, this.clock, authorize, par,
						AuthorizationResponses.error()),
				// a missing or unsupported response_type goes to the client (RFC 6749
				// 4.1.2.1)
				new ResponseTypeCheck(this.clients, authorize, AuthorizationResponses.error()),
				// the claims parameter asks for the scopes of its claims (OIDC Core 5.5)
				new ClaimsParameter(this.clients, authorize, par),
				// a DPoP proof at PAR binds the code to its key (RFC 9449 section 10.1)
				new PushedRequestProofs(par)));
		http.addFilterBefore(beforeTheLibrary, AbstractPreAuthenticatedProcessingFilter.class);
		// prompt=login and max_age send a signed-in person to sign in again (OIDC Core
		// 3.1.2.1), once the session's authentication is known
		http.addFilterBefore(new ReauthenticationFilter(authorize, loginPage, this.clock), AuthorizationFilter.class);

		// pushed requests (RFC 9126) pass the same rules
		server.pushedAuthorizationRequestEndpoint(
				(endpoint) -> endpoint.authenticationProviders((providers) -> providers.forEach((provider) -> {
					if (provider instanceof OAuth2PushedAuthorizationRequestAuthenticationProvider pushed) {
						pushed.setAuthenticationValidator(rules());
					}
				})));
		ShortLivedCodes codes = new ShortLivedCodes(this.tokens.authorizationCodeTimeToLive());
		server.authorizationEndpoint((endpoint) -> endpoint.consentPage(ConsentController.PATH)
			// answers carry iss (RFC 9207); errors without a usable redirect stay here
			.authorizationResponseHandler(AuthorizationResponses.success())
			.errorResponseHandler(AuthorizationResponses.error())
			.authenticationProviders((providers) -> {
				providers.forEach((provider) -> {
					if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequest) {
						codeRequest.setAuthenticationValidator(rules());
						// codes live a minute at most (FAPI 2.0 section 5.3.2.1)
						codeRequest.setAuthorizationCodeGenerator(codes);
						// consent when the client requires it or prompt=consent (OIDC
						// Core 3.1.2.1)
						codeRequest.setAuthorizationConsentRequired(new ConsentRequired());
					}
					if (provider instanceof OAuth2AuthorizationConsentAuthenticationProvider consent) {
						consent.setAuthorizationCodeGenerator(codes);
					}
				});
				// Deny is access_denied, even after an earlier consent (OIDC Core
				// 3.1.2.6)
				ConsentDenial.configure(providers, this.authorizations, this.clients);
			}));
	}

	/**
	 * The rules a request must pass, in this order, before the person is sent to sign in
	 * or to consent.
	 */
	private Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> rules() {
		String authorize = this.settings.getAuthorizationEndpoint();
		// redirect_uri equals a registered one exactly (OAuth 2.1 section 4.1.1)
		Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> rules = new ExactRedirectUriValidator();
		// a state short enough to be returned (RFC 6749 section 4.1.2), before any rule
		// whose error would carry it
		rules = rules.andThen(new StateLengthValidator());
		// prompt=none without a session answers login_required (OIDC Core 3.1.2.6),
		// before any other rule can refuse the request
		rules = rules.andThen(new PromptNoneValidator());
		// only scopes the client registered (RFC 6749 section 3.3)
		rules = rules.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR);
		// a PKCE code_challenge from public clients and those that require one (RFC 9700
		// section 2.1.1)
		rules = rules.andThen(new ProofKeyRequiredValidator());
		// a claims parameter is a claims request (OpenID Connect Core 5.5)
		rules = rules.andThen(ClaimsParameter.rule());
		// multi-factor sign-ins only, for clients that require it (OIDC Core 3.1.2.1)
		rules = rules.andThen(new MultiFactorRequiredValidator());
		// pushed requests only, for clients that require it (RFC 9126 section 5)
		rules = rules.andThen(new PushedRequestRequiredValidator(authorize));
		// resource indicators name only our APIs (RFC 8707 section 2)
		return rules.andThen(new ResourceIndicatorValidator(this.tokens));
	}

}
