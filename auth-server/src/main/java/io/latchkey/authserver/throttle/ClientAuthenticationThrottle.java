package io.latchkey.authserver.throttle;

import java.util.List;
import java.util.Set;

import io.latchkey.authserver.client.ClientAssertions;
import io.latchkey.authserver.crypto.Hashes;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Client secrets cannot be guessed at the protocol endpoints: failed client
 * authentications are counted per client id in the shared database, as failed sign-ins
 * are per account, and while a client id must wait every authentication with it fails,
 * the right secret too. Every failure, wrong secret, unknown client or waiting, answers
 * the same {@code invalid_client} (RFC 6749 section 5.2), so the answers tell a guesser
 * nothing. Successes write nothing; failures are forgotten after the rule's quiet time.
 */
@Component
public class ClientAuthenticationThrottle {

	private static final OAuth2Error FAILED = new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
			"Client authentication failed", "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2");

	private final AttemptThrottle throttle;

	private final ThrottleProperties rules;

	ClientAuthenticationThrottle(AttemptThrottle throttle, ThrottleProperties rules) {
		this.throttle = throttle;
		this.rules = rules;
	}

	/**
	 * The methods the library's secret provider authenticates; it answers {@code null} to
	 * the others.
	 */
	private static final Set<ClientAuthenticationMethod> SECRET_METHODS = Set
		.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST);

	/**
	 * The method the library's assertion provider authenticates (RFC 7523 section 2.2's
	 * assertion type), for {@code private_key_jwt} and {@code client_secret_jwt} alike.
	 */
	private static final Set<ClientAuthenticationMethod> ASSERTION_METHODS = Set
		.of(new ClientAuthenticationMethod(ClientAssertions.JWT_BEARER));

	/**
	 * Puts the throttle around the library's secret and assertion providers. Each asks
	 * the throttle only for the methods its provider takes, so an authentication costs
	 * one look-up, not one per provider the manager tries.
	 */
	public void configure(List<AuthenticationProvider> providers) {
		providers.replaceAll((provider) -> {
			if (provider instanceof ClientSecretAuthenticationProvider) {
				return new Throttled(provider, SECRET_METHODS);
			}
			if (provider instanceof JwtClientAssertionAuthenticationProvider) {
				return new Throttled(provider, ASSERTION_METHODS);
			}
			return provider;
		});
	}

	/** Hashed, so that any client_id a request brings fits the key column. */
	private static String key(Object clientId) {
		return "client-authentication:" + Hashes.sha256Hex(String.valueOf(clientId));
	}

	private final class Throttled implements AuthenticationProvider {

		private final AuthenticationProvider library;

		private final Set<ClientAuthenticationMethod> methods;

		Throttled(AuthenticationProvider library, Set<ClientAuthenticationMethod> methods) {
			this.library = library;
			this.methods = methods;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
			if (!this.methods.contains(client.getClientAuthenticationMethod())) {
				// not this provider's method: the library answers null without looking
				return null;
			}
			String key = key(client.getPrincipal());
			if (ClientAuthenticationThrottle.this.throttle.isBlocked(key)) {
				throw new OAuth2AuthenticationException(FAILED);
			}
			try {
				return this.library.authenticate(authentication);
			}
			catch (OAuth2AuthenticationException ex) {
				if (!OAuth2ErrorCodes.INVALID_CLIENT.equals(ex.getError().getErrorCode())) {
					throw ex;
				}
				ClientAuthenticationThrottle.this.throttle.count(key,
						ClientAuthenticationThrottle.this.rules.clientAuthentication());
				throw new OAuth2AuthenticationException(FAILED, ex);
			}
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return this.library.supports(authentication);
		}

	}

}
