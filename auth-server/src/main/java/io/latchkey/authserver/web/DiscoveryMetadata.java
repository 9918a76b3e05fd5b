package io.latchkey.authserver.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.latchkey.authserver.account.Languages;
import io.latchkey.authserver.authorize.AuthorizationRequestPipeline;
import io.latchkey.authserver.client.ClientKeys;
import io.latchkey.authserver.client.ClientRules;
import io.latchkey.authserver.login.AuthenticationMethods;
import io.latchkey.authserver.token.StandardClaims;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderMetadataClaimNames;
import org.springframework.stereotype.Component;

/**
 * What discovery says (OpenID Connect Discovery 1.0 section 3, RFC 8414 section 2): the
 * library's metadata, corrected to what this server does. {@code DiscoveryContract} tests
 * each statement against the behaviour.
 */
@Component
class DiscoveryMetadata {

	/** Discovery says the authorization response carries {@code iss} (RFC 9207). */
	static final String ISS_PARAMETER_SUPPORTED = "authorization_response_iss_parameter_supported";

	/**
	 * How clients authenticate: a secret, or a JWT signed by their key. No mutual TLS
	 * (the library advertises it), no {@code client_secret_jwt} (secrets are stored as
	 * hashes, which cannot check an HMAC).
	 */
	static final List<String> CLIENT_AUTHENTICATION_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(),
			ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue());

	/** Public clients, at the token endpoint only. */
	static final List<String> TOKEN_ENDPOINT_AUTHENTICATION_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(),
			ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue(), ClientAuthenticationMethod.NONE.getValue());

	/** The claims of ID tokens about the sign-in itself (OpenID Connect Core 2). */
	static final List<String> SIGN_IN_CLAIMS = List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "acr",
			"amr", "azp", "sid");

	private final ClientRules clientRules;

	DiscoveryMetadata(ClientRules clientRules) {
		this.clientRules = clientRules;
	}

	void configure(OAuth2AuthorizationServerConfigurer server) {
		// @formatter:off
		server
			.authorizationServerMetadataEndpoint((metadata) -> metadata
				.authorizationServerMetadataCustomizer((claims) -> claims.claims(this::common)))
			.oidc((oidc) -> oidc.providerConfigurationEndpoint((configuration) -> configuration
				.providerConfigurationCustomizer((claims) -> claims
					.claims(this::common)
					.claim(OidcProviderMetadataClaimNames.SUBJECT_TYPES_SUPPORTED, List.of("public", "pairwise"))
					.claim("claims_supported", claimsSupported())
					.claim("claims_parameter_supported", true)
					.claim("claim_types_supported", List.of("normal"))
					.claim("acr_values_supported",
							List.of(AuthenticationMethods.ACR_PASSWORD, AuthenticationMethods.ACR_MULTI_FACTOR))
					// Back-Channel Logout 1.0 section 2.1, with sid (section 2.4)
					.claim("backchannel_logout_supported", true)
					.claim("backchannel_logout_session_supported", true)
					// the languages of our pages; other ui_locales are accepted and
					// answered in the browser's language or English (Core 3.1.2.1).
					// Claims are given as the person wrote them, in no language of
					// ours, so claims_locales_supported is left out (Discovery 1.0
					// section 3) and claims_locales is accepted and ignored.
					.claim("ui_locales_supported", Languages.tags())
					// a client may ask for ES256 ID tokens (id_token_signed_response_alg)
					.idTokenSigningAlgorithms((algorithms) -> {
						algorithms.clear();
						algorithms.addAll(List.of("RS256", "ES256"));
					}))));
		// @formatter:on
	}

	/** What both documents say. */
	private void common(Map<String, Object> claims) {
		claims.put(ISS_PARAMETER_SUPPORTED, true);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.SCOPES_SUPPORTED, scopesSupported());
		// code only, answered in the query (no implicit or hybrid flows)
		claims.put("response_modes_supported", List.of("query"));
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED,
				TOKEN_ENDPOINT_AUTHENTICATION_METHODS);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED,
				CLIENT_AUTHENTICATION_METHODS);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.INTROSPECTION_ENDPOINT_AUTH_METHODS_SUPPORTED,
				CLIENT_AUTHENTICATION_METHODS);
		for (String endpoint : List.of("token", "revocation", "introspection")) {
			claims.put(endpoint + "_endpoint_auth_signing_alg_values_supported", ClientKeys.SIGNING_ALGORITHMS);
		}
		// no mutual TLS, so no certificate-bound tokens (RFC 8705)
		claims.remove(OAuth2AuthorizationServerMetadataClaimNames.TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS);
		// request objects by value and by registered reference (RFC 9101 section 10.5)
		claims.put("request_parameter_supported", true);
		claims.put("request_uri_parameter_supported", true);
		claims.put("require_request_uri_registration", true);
		claims.put("request_object_signing_alg_values_supported",
				AuthorizationRequestPipeline.REQUEST_OBJECT_SIGNING_ALGORITHMS);
	}

	/** Every scope a client may be registered with, in a stable order. */
	List<String> scopesSupported() {
		return this.clientRules.allowedScopes().stream().sorted().toList();
	}

	static List<String> claimsSupported() {
		List<String> claims = new ArrayList<>(SIGN_IN_CLAIMS);
		claims.addAll(StandardClaims.PERSON_CLAIMS);
		return claims;
	}

}
