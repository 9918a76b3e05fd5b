package io.latchkey.authserver.token;

import java.text.ParseException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.authserver.client.LatchkeyClientSettings;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * DPoP (RFC 9449) at the token endpoint. The library verifies a proof sent in the
 * {@code DPoP} header, binds the tokens it issues to the proof's key ({@code cnf.jkt},
 * {@code token_type} DPoP), and checks that a public client refreshing with a proof uses
 * the key its tokens are bound to. Three refusals it leaves out are ours:
 * <ul>
 * <li>a client registered with {@code dpop_bound_access_tokens} (section 5.2) asking
 * without a proof;</li>
 * <li>a public client refreshing DPoP-bound tokens without a proof (section 5: its
 * refresh token is bound too), which would otherwise get a plain bearer token;</li>
 * <li>proof parameters smuggled in as form fields, which the library would take for a
 * verified header;</li>
 * <li>a code whose authorization request named {@code dpop_jkt} exchanged without a proof
 * of that key (section 10).</li>
 * </ul>
 */
@Component
public class ProofOfPossession {

	private static final String PROOF = "dpop_proof";

	/** The authorization request parameter that binds the code (RFC 9449 section 10). */
	private static final String DPOP_JKT = "dpop_jkt";

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc9449#section-5";

	private final OAuth2AuthorizationService authorizations;

	ProofOfPossession(OAuth2AuthorizationService authorizations) {
		this.authorizations = authorizations;
	}

	/** Puts the checks in front of every grant the token endpoint handles. */
	public void configure(List<AuthenticationProvider> providers) {
		providers.replaceAll(Checking::new);
	}

	private void check(OAuth2AuthorizationGrantAuthenticationToken grant) {
		Map<String, Object> parameters = grant.getAdditionalParameters();
		boolean proofSent = hasProofHeader();
		if (grant instanceof OAuth2AuthorizationCodeAuthenticationToken code) {
			checkCodeBinding(code.getCode());
		}
		if (!proofSent && (parameters.containsKey(PROOF) || parameters.containsKey("dpop_method")
				|| parameters.containsKey("dpop_target_uri"))) {
			throw refusal(OAuth2ErrorCodes.INVALID_REQUEST, "A DPoP proof goes in the DPoP header");
		}
		if (proofSent || !(grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken clientAuthentication)
				|| clientAuthentication.getRegisteredClient() == null) {
			return;
		}
		RegisteredClient client = clientAuthentication.getRegisteredClient();
		if (LatchkeyClientSettings.of(client).requireDPoP()) {
			throw refusal(OAuth2ErrorCodes.INVALID_DPOP_PROOF, "This client must send a DPoP proof");
		}
		if (grant instanceof OAuth2RefreshTokenAuthenticationToken refresh
				&& ClientAuthenticationMethod.NONE.equals(clientAuthentication.getClientAuthenticationMethod())
				&& isBound(refresh.getRefreshToken())) {
			throw refusal(OAuth2ErrorCodes.INVALID_DPOP_PROOF, "This refresh token is bound to a DPoP key");
		}
	}

	/**
	 * A code whose authorization request named {@code dpop_jkt} is exchanged only with a
	 * proof of that key (RFC 9449 section 10).
	 */
	private void checkCodeBinding(String code) {
		if (code == null || code.indexOf('\0') >= 0) {
			// the library refuses it
			return;
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(code,
				new OAuth2TokenType(OAuth2ParameterNames.CODE));
		OAuth2AuthorizationRequest request = (authorization != null)
				? authorization.getAttribute(OAuth2AuthorizationRequest.class.getName()) : null;
		Object boundTo = (request != null) ? request.getAdditionalParameters().get(DPOP_JKT) : null;
		if (!(boundTo instanceof String thumbprint)) {
			return;
		}
		String proof = proofHeader();
		if (proof == null) {
			throw refusal(OAuth2ErrorCodes.INVALID_DPOP_PROOF,
					"This code is bound to a DPoP key (dpop_jkt): send a proof of it");
		}
		if (!thumbprint.equals(thumbprintOf(proof))) {
			throw refusal(OAuth2ErrorCodes.INVALID_DPOP_PROOF,
					"The DPoP proof is not of the key this code is bound to");
		}
	}

	private static String thumbprintOf(String proof) {
		try {
			JWK key = SignedJWT.parse(proof).getHeader().getJWK();
			return (key != null) ? key.computeThumbprint().toString() : null;
		}
		catch (ParseException | JOSEException ex) {
			return null;
		}
	}

	private static String proofHeader() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getHeader(OAuth2AccessToken.TokenType.DPOP.getValue());
		}
		return null;
	}

	private boolean isBound(String refreshToken) {
		OAuth2Authorization authorization = this.authorizations.findByToken(refreshToken,
				OAuth2TokenType.REFRESH_TOKEN);
		if (authorization == null || authorization.getAccessToken() == null) {
			return false;
		}
		OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
		return OAuth2AccessToken.TokenType.DPOP.equals(accessToken.getToken().getTokenType())
				|| (accessToken.getClaims() != null && accessToken.getClaims().get("cnf") instanceof Map<?, ?> cnf
						&& cnf.containsKey("jkt"));
	}

	private static boolean hasProofHeader() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getHeader(OAuth2AccessToken.TokenType.DPOP.getValue()) != null;
		}
		return false;
	}

	private static OAuth2AuthenticationException refusal(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, ERROR_URI));
	}

	private final class Checking implements AuthenticationProvider {

		private final AuthenticationProvider delegate;

		private Checking(AuthenticationProvider delegate) {
			this.delegate = delegate;
		}

		@Override
		public Authentication authenticate(Authentication authentication) throws AuthenticationException {
			if (authentication instanceof OAuth2AuthorizationGrantAuthenticationToken grant) {
				check(grant);
			}
			return this.delegate.authenticate(authentication);
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return this.delegate.supports(authentication);
		}

	}

}
