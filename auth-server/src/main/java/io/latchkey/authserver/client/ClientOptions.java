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
 */
public record ClientOptions(boolean requireProofKey, boolean requirePushedRequests, boolean requireDPoP,
		String idTokenSigningAlgorithm, boolean pairwiseSubjects, String sectorIdentifierUri, String jwkSetUri,
		List<String> requestUris, boolean deviceGrant, String logoUri, String policyUri, String tosUri) {

	public static final List<String> ID_TOKEN_ALGORITHMS = List.of("RS256", "ES256");

	public static final ClientOptions DEFAULTS = new ClientOptions(true, false, false, "RS256", false, null, null,
			List.of(), false);

	/** Options without the pages a client links to. */
	public ClientOptions(boolean requireProofKey, boolean requirePushedRequests, boolean requireDPoP,
			String idTokenSigningAlgorithm, boolean pairwiseSubjects, String sectorIdentifierUri, String jwkSetUri,
			List<String> requestUris, boolean deviceGrant) {
		this(requireProofKey, requirePushedRequests, requireDPoP, idTokenSigningAlgorithm, pairwiseSubjects,
				sectorIdentifierUri, jwkSetUri, requestUris, deviceGrant, null, null, null);
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
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
