package io.latchkey.authserver.client;

import java.util.List;

/**
 * What a client may choose beyond the basics; the defaults suit most clients.
 *
 * @param requireProofKey every authorization request carries a PKCE challenge. Always so
 * for public clients; recommended, not required, for confidential ones (RFC 9700 section
 * 2.1.1), so a confidential client may opt out
 * @param requirePushedRequests authorization requests only through the PAR endpoint (RFC
 * 9126 section 5)
 * @param requireDPoP every token request carries a DPoP proof, so every token is bound to
 * the client's key (RFC 9449 section 5.2)
 * @param idTokenSigningAlgorithm RS256 or ES256 ({@code id_token_signed_response_alg})
 * @param pairwiseSubjects the client sees a subject identifier of its own for each person
 * (OpenID Connect Core 8.1), not the one every public client sees
 * @param sectorIdentifierUri for pairwise subjects across several redirect hosts: a URL
 * listing the redirect URIs, whose host is the sector
 * @param jwkSetUri where the client publishes its public keys (request objects,
 * {@code private_key_jwt})
 * @param requestUris the addresses it may pass as {@code request_uri} (RFC 9101)
 * @param deviceGrant people may also sign it in on another device by entering a code (the
 * device authorization grant, RFC 8628), for TVs and command-line tools
 * @param logoUri its logo, shown on the consent page (RFC 7591 {@code logo_uri})
 * @param policyUri its privacy policy, linked from the consent page ({@code policy_uri})
 * @param tosUri its terms of service, linked from the consent page ({@code tos_uri})
 * @param authenticationMethod how a confidential client authenticates: {@link #SECRET}
 * ({@code client_secret_basic} or {@code client_secret_post}) or {@link #PRIVATE_KEY_JWT}
 * (a JWT signed with a key from its key set)
 * @param rotateRefreshTokens every refresh gives a new refresh token and the used one is
 * remembered, so a stolen copy is detected; a confidential or DPoP-bound client may do
 * without (FAPI 2.0 Security Profile 5.3.2.1), a public client without DPoP always
 * rotates
 */
public record ClientOptions(boolean requireProofKey, boolean requirePushedRequests, boolean requireDPoP,
		String idTokenSigningAlgorithm, boolean pairwiseSubjects, String sectorIdentifierUri, String jwkSetUri,
		List<String> requestUris, boolean deviceGrant, String logoUri, String policyUri, String tosUri,
		String authenticationMethod, boolean rotateRefreshTokens) {

	public static final List<String> ID_TOKEN_ALGORITHMS = List.of("RS256", "ES256");

	/** A client secret, sent with Basic authentication or in the form. */
	public static final String SECRET = "client_secret_basic";

	public static final String PRIVATE_KEY_JWT = "private_key_jwt";

	public static final List<String> AUTHENTICATION_METHODS = List.of(SECRET, PRIVATE_KEY_JWT);

	public static final ClientOptions DEFAULTS = new ClientOptions(true, false, false, "RS256", false, null, null,
			List.of(), false);

	/** Options without the pages a client links to. */
	public ClientOptions(boolean requireProofKey, boolean requirePushedRequests, boolean requireDPoP,
			String idTokenSigningAlgorithm, boolean pairwiseSubjects, String sectorIdentifierUri, String jwkSetUri,
			List<String> requestUris, boolean deviceGrant) {
		this(requireProofKey, requirePushedRequests, requireDPoP, idTokenSigningAlgorithm, pairwiseSubjects,
				sectorIdentifierUri, jwkSetUri, requestUris, deviceGrant, null, null, null, SECRET, true);
	}

	public ClientOptions {
		idTokenSigningAlgorithm = (idTokenSigningAlgorithm != null && !idTokenSigningAlgorithm.isBlank())
				? idTokenSigningAlgorithm : "RS256";
		sectorIdentifierUri = blankToNull(sectorIdentifierUri);
		jwkSetUri = blankToNull(jwkSetUri);
		requestUris = (requestUris != null) ? List.copyOf(requestUris) : List.of();
		logoUri = blankToNull(logoUri);
		policyUri = blankToNull(policyUri);
		tosUri = blankToNull(tosUri);
		authenticationMethod = (authenticationMethod != null && !authenticationMethod.isBlank()) ? authenticationMethod
				: SECRET;
	}

	public boolean privateKeyJwt() {
		return PRIVATE_KEY_JWT.equals(this.authenticationMethod);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
