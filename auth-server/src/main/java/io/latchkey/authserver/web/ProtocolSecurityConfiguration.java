package io.latchkey.authserver.web;

import java.time.Clock;
import java.util.Set;

import io.latchkey.authserver.authorization.BackChannelLogout;
import io.latchkey.authserver.authorization.StoredAuthorizations;
import io.latchkey.authserver.authorize.AuthorizationRequestPipeline;
import io.latchkey.authserver.client.BrowserClientOrigins;
import io.latchkey.authserver.client.ClientAssertions;
import io.latchkey.authserver.client.ClientConfigurationFilter;
import io.latchkey.authserver.client.ClientKeys;
import io.latchkey.authserver.client.ClientRegistrations;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.client.DynamicRegistration;
import io.latchkey.authserver.client.PublicClientAuthentication;
import io.latchkey.authserver.client.RegistrationAccessTokens;
import io.latchkey.authserver.consent.ConsentController;
import io.latchkey.authserver.consent.ConsentDecisionCsrfFilter;
import io.latchkey.authserver.consent.ConsentDenial;
import io.latchkey.authserver.login.DeviceActivationController;
import io.latchkey.authserver.throttle.ClientAuthenticationThrottle;
import io.latchkey.authserver.token.DPoPTargetUris;
import io.latchkey.authserver.token.IssuedHere;
import io.latchkey.authserver.token.ProofOfPossession;
import io.latchkey.authserver.token.RefreshTokenReuseDetection;
import io.latchkey.authserver.token.SingleUseGrants;
import io.latchkey.authserver.token.UserInfoProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The protocol endpoints (discovery, JWKS, authorize, token, userinfo, introspection,
 * revocation, end-session), configured through Spring Authorization Server.
 */
@Configuration(proxyBeanMethods = false)
class ProtocolSecurityConfiguration {

	private static final RequestMatcher CLIENT_CONFIGURATION = PathPatternRequestMatcher.withDefaults()
		.matcher(ClientConfigurationFilter.PATH);

	@Bean
	@Order(1)
	SecurityFilterChain protocolSecurityFilterChain(HttpSecurity http, UserInfoProvider userInfoProvider,
			ClientSecrets clientSecrets, RegisteredClientRepository registeredClients,
			DynamicRegistration dynamicRegistration, RefreshTokenReuseDetection refreshTokenReuse,
			SecurityHeaders securityHeaders, AuthorizationServerSettings settings,
			OAuth2AuthorizationService authorizationService, ClientRegistrations clientRegistrations,
			BackChannelLogout backChannelLogout, AuthorizationRequestPipeline authorizationRequests,
			ProofOfPossession proofOfPossession, SingleUseGrants singleUseGrants,
			ClientAuthenticationThrottle clientAuthenticationThrottle, DiscoveryMetadata discoveryMetadata,
			BrowserClientOrigins browserClientOrigins, ClientKeys clientKeys) throws Exception {
		LoginUrlAuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint(
				PageSecurityConfiguration.LOGIN_PAGE);
		RequestMatcher authorizationEndpoint = PathPatternRequestMatcher.withDefaults()
			.matcher(settings.getAuthorizationEndpoint());
		// what goes on after signing in: an authorization request, GET or a form POST
		// (OIDC
		// Core 3.1.2.1), and the device verification link; nothing else keeps a session
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache
			.setRequestMatcher(new OrRequestMatcher(authorizationEndpoint, PathPatternRequestMatcher.withDefaults()
				.matcher(HttpMethod.GET, settings.getDeviceVerificationEndpoint())));
		CrossOriginRequests crossOrigin = new CrossOriginRequests(settings, browserClientOrigins);
		ClientAuthenticationErrors clientAuthenticationErrors = new ClientAuthenticationErrors();
		RequestMatcher clientEndpoints = new OrRequestMatcher(
				PathPatternRequestMatcher.withDefaults().matcher(settings.getTokenEndpoint()),
				PathPatternRequestMatcher.withDefaults().matcher(settings.getTokenIntrospectionEndpoint()),
				PathPatternRequestMatcher.withDefaults().matcher(settings.getTokenRevocationEndpoint()),
				PathPatternRequestMatcher.withDefaults().matcher(settings.getPushedAuthorizationRequestEndpoint()),
				PathPatternRequestMatcher.withDefaults().matcher(settings.getDeviceAuthorizationEndpoint()));
		// @formatter:off
		http
			.oauth2AuthorizationServer((server) -> {
				// plus updating and deleting a registration (RFC 7592), which are ours
				// and the CORS preflights of the endpoints browser-based clients call
				http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(), CLIENT_CONFIGURATION,
						crossOrigin.preflights()));
				server.clientAuthentication((clients) -> clients
					// invalid_client is a 401 with a challenge (RFC 6749 section 5.2)
					.errorResponseHandler(clientAuthenticationErrors)
					// public clients of the device and refresh grants authenticate by client_id
					.authenticationConverter(PublicClientAuthentication.converter(settings.getDeviceAuthorizationEndpoint()))
					// private_key_jwt also without client_id (RFC 7521 section 4.2)
					.authenticationConverter(ClientAssertions.converter())
					.authenticationProvider(PublicClientAuthentication.provider(registeredClients))
					.authenticationProviders((providers) -> {
						providers.forEach((provider) -> {
							if (provider instanceof ClientSecretAuthenticationProvider secretProvider) {
								secretProvider.setPasswordEncoder(clientSecrets.passwordEncoder());
							}
						});
						// assertions by our rules: audience, keys by value (ours)
						ClientAssertions.configure(providers, clientKeys);
						// failed client authentications are throttled per client id (ours)
						clientAuthenticationThrottle.configure(providers);
					}));
				// the authorization request, every step in order (ours, around the library's
				// authorization and PAR endpoints)
				authorizationRequests.configure(http, server, PageSecurityConfiguration.LOGIN_PAGE, requestCache);
				deviceGrant(server, authorizationService, registeredClients);
				server.tokenEndpoint((token) -> token.authenticationProviders((providers) -> {
					// refresh tokens rotate (the library) and reuse revokes the family (ours)
					refreshTokenReuse.configure(providers);
					// DPoP binding is the library's; requiring a proof where one is due is ours
					proofOfPossession.configure(providers);
					// one-time grants are used once by concurrent requests too (ours)
					singleUseGrants.configure(providers);
				}));
				// introspection reads what it uses, and knows only tokens of this issuer (ours)
				server.tokenIntrospectionEndpoint((introspection) -> introspection
					.authenticationProviders((providers) -> {
						StoredAuthorizations.configureIntrospection(providers, registeredClients, authorizationService);
						IssuedHere.configureIntrospection(providers);
					}));
				// discovery says what is true (ours)
				discoveryMetadata.configure(server);
				// these endpoints make any failure invalid_request: an unreachable database
				// is noted so that it is a 503 instead (DatabaseUnavailable)
				server.oidc((oidc) -> oidc
					// userinfo in one statement (ours, in the library's place)
					.userInfoEndpoint((userInfo) -> userInfo.authenticationProviders((providers) -> {
							userInfoProvider.configure(providers);
							DatabaseUnavailable.noticing(providers);
						})
						.userInfoResponseHandler(userInfoProvider.responseHandler())
						.errorResponseHandler(LibraryEndpointErrors.userInfo()))
					.logoutEndpoint((logout) -> logout.logoutResponseHandler(new SignOutResponseHandler(backChannelLogout))
						.authenticationProviders(DatabaseUnavailable::noticing)
						.errorResponseHandler(LibraryEndpointErrors.logout()))
					// dynamic registration with an initial access token from the portal
					.clientRegistrationEndpoint((registration) -> registration
						.clientRegistrationRequestConverter(dynamicRegistration.requestConverter())
						.authenticationProviders((providers) -> {
							dynamicRegistration.configure(providers);
							// an initial access token registers one client, also at once
							singleUseGrants.configureRegistration(providers);
							DatabaseUnavailable.noticing(providers);
						})
						.errorResponseHandler(LibraryEndpointErrors.registration())));
			})
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			// scripts of browser-based clients may call us from their own origins (ours)
			.cors((cors) -> cors.configurationSource(crossOrigin))
			.requestCache((cache) -> cache.requestCache(requestCache))
			.addFilterBefore(new MetadataCacheHeaders(settings), HeaderWriterFilter.class)
			// an end-session state too long to come back is refused first (ours)
			.addFilterBefore(new EndSessionStateCheck(settings.getOidcLogoutEndpoint()), LogoutFilter.class)
			// logout without an ID token asks the person (RP-Initiated Logout 1.0 section 2)
			.addFilterBefore(new EndSessionWithoutHint(settings.getOidcLogoutEndpoint()), LogoutFilter.class)
			// consent decisions carry the person's CSRF token (the library exempts its endpoints)
			.addFilterAfter(new ConsentDecisionCsrfFilter(settings.getAuthorizationEndpoint(),
					settings.getDeviceVerificationEndpoint()), CsrfFilter.class)
			.addFilterAfter(new ClientConfigurationFilter(authorizationService, clientRegistrations, dynamicRegistration),
					AuthorizationFilter.class)
			// registration access tokens are looked up, not decoded (RFC 7592; they outlive keys)
			.addFilterBefore(RegistrationAccessTokens.filter(authorizationService), BearerTokenAuthenticationFilter.class)
			// bearer-token requests carry no browser cookies to forge
			.csrf((csrf) -> csrf.ignoringRequestMatchers(CLIENT_CONFIGURATION))
			// userinfo and client registration take our own access tokens (at+jwt), bearer or
			// DPoP-bound with a proof (RFC 9449 section 7)
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.bearerTokenResolver(bearerTokens(settings))
				.jwt(Customizer.withDefaults())
				.dPoP((dPoP) -> dPoP.authenticationConverter(DPoPTargetUris.requests()))
				// a proof's htu is compared without query and fragment (RFC 9449 section 4.3)
				.withObjectPostProcessor(DPoPTargetUris.forResourceServer()))
			// a person without a session is sent to sign in: always at the authorization
			// endpoint (a form POST may Accept */*, OIDC Core 3.1.2.1), elsewhere when a page was asked for
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(clientAuthenticationErrors, clientEndpoints)
				.defaultAuthenticationEntryPointFor(signIn, authorizationEndpoint)
				.defaultAuthenticationEntryPointFor(signIn, htmlRequests()));
		// @formatter:on
		securityHeaders.apply(http);
		return http.build();
	}

	@Bean
	SessionRegistry sessionRegistry(JdbcClient jdbc) {
		// Spring Session stamps its rows by the system clock, not by ours
		return new StoredSessionRegistry(jdbc, Clock.systemUTC());
	}

	/**
	 * The device authorization grant (RFC 8628, the library's) with our code page; every
	 * approval is a page naming the client and its scopes, whatever was approved before
	 * (section 5.4: remote phishing), and Deny is ours.
	 */
	private static void deviceGrant(OAuth2AuthorizationServerConfigurer server,
			OAuth2AuthorizationService authorizationService, RegisteredClientRepository registeredClients) {
		// @formatter:off
		server
			.deviceAuthorizationEndpoint((device) -> device.verificationUri(DeviceActivationController.PATH))
			.deviceVerificationEndpoint((verification) -> verification
				.consentPage(ConsentController.PATH)
				.authenticationProviders((providers) -> {
					providers.forEach((provider) -> {
						if (provider instanceof OAuth2DeviceVerificationAuthenticationProvider deviceVerification) {
							deviceVerification.setAuthorizationConsentRequired((context) -> true);
						}
					});
					ConsentDenial.configure(providers, authorizationService, registeredClients);
				})
				.deviceVerificationResponseHandler((request, response, authentication) -> response
					.sendRedirect(request.getContextPath() + DeviceActivationController.PATH + "?done"))
				.errorResponseHandler((request, response, exception) -> response
					.sendRedirect(request.getContextPath() + DeviceActivationController.PATH
							+ (isAccessDenied(exception) ? "?denied" : "?invalid"))));
		// @formatter:on
	}

	/**
	 * Access tokens in the Authorization header or a form body (RFC 6750 section 2.2:
	 * userinfo by POST); registration access tokens are looked up instead. Only where a
	 * bearer token is what the endpoint takes: at the token endpoint a Bearer header is
	 * no client authentication (RFC 6749 section 5.2: {@code invalid_client}, not RFC
	 * 6750's empty 401).
	 */
	private static BearerTokenResolver bearerTokens(AuthorizationServerSettings settings) {
		DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
		bearer.setAllowFormEncodedBodyParameter(true);
		RequestMatcher bearerEndpoints = new OrRequestMatcher(
				PathPatternRequestMatcher.withDefaults().matcher(settings.getOidcUserInfoEndpoint()),
				PathPatternRequestMatcher.withDefaults().matcher(settings.getOidcClientRegistrationEndpoint()));
		return (request) -> (!bearerEndpoints.matches(request)
				|| RegistrationAccessTokens.isConfigurationRequest(request)) ? null : bearer.resolve(request);
	}

	private static boolean isAccessDenied(AuthenticationException exception) {
		return exception instanceof OAuth2AuthenticationException oauth
				&& OAuth2ErrorCodes.ACCESS_DENIED.equals(oauth.getError().getErrorCode());
	}

	private static MediaTypeRequestMatcher htmlRequests() {
		MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return matcher;
	}

}
