package io.latchkey.authserver.token;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time grants are used once, however many requests present them at the same moment:
 * an authorization code (RFC 6749 section 4.1.2), a refresh token that rotates (RFC 9700
 * section 4.14.2) and a device code (RFC 8628 section 3.4). The library checks one-time
 * use by reading the authorization and writing it back later, so requests that read
 * together all succeeded. Here each exchange runs in one transaction that first locks the
 * authorization row holding the presented value: the others wait, then find the grant
 * used and take the library's path for a replay (the code's tokens revoked, the refresh
 * family revoked by {@link RefreshTokenReuseDetection}). The transaction commits when the
 * exchange is refused too, so that revocation stays. Initial access tokens likewise.
 * Where the authorization service locks as it loads ({@link LockingLookups}), the lock is
 * the lookup the library then makes.
 */
@Component
public class SingleUseGrants {

	private static final OAuth2TokenType AUTHORIZATION_CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final @Nullable LockingLookups lookups;

	SingleUseGrants(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			OAuth2AuthorizationService authorizations) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.lookups = (authorizations instanceof LockingLookups locking) ? locking : null;
	}

	/** Puts the lock around the providers of one-time grants in the list. */
	public void configure(List<AuthenticationProvider> providers) {
		providers.replaceAll((provider) -> {
			if (provider.supports(OAuth2AuthorizationCodeAuthenticationToken.class)) {
				return new Locking(provider, "authorization_code_value", AUTHORIZATION_CODE,
						(grant) -> ((OAuth2AuthorizationCodeAuthenticationToken) grant).getCode());
			}
			if (provider.supports(OAuth2RefreshTokenAuthenticationToken.class)) {
				return new Locking(provider, "refresh_token_value", OAuth2TokenType.REFRESH_TOKEN,
						(grant) -> ((OAuth2RefreshTokenAuthenticationToken) grant).getRefreshToken());
			}
			if (provider.supports(OAuth2DeviceCodeAuthenticationToken.class)) {
				return new Locking(provider, "device_code_value", DEVICE_CODE,
						(grant) -> ((OAuth2DeviceCodeAuthenticationToken) grant).getDeviceCode());
			}
			return provider;
		});
	}

	/**
	 * An initial access token registers one client (RFC 7591 section 3: ours are good for
	 * one registration), however many requests present it at once: the library checks it
	 * and marks it used later, as it does a code. The bearer filter loaded it before the
	 * transaction began, so it is locked by a statement of its own.
	 */
	public void configureRegistration(List<AuthenticationProvider> providers) {
		providers.replaceAll((provider) -> (provider instanceof OidcClientRegistrationAuthenticationProvider)
				? new Locking(provider, "access_token_value", null, SingleUseGrants::bearerValue) : provider);
	}

	private static String bearerValue(Authentication registration) {
		return (registration.getPrincipal() instanceof AbstractOAuth2TokenAuthenticationToken<?> bearer)
				? bearer.getToken().getTokenValue() : null;
	}

	private final class Locking implements AuthenticationProvider {

		private final AuthenticationProvider delegate;

		private final String lockStatement;

		/**
		 * The type of the library's lookup of the grant, when the lock can be that
		 * lookup.
		 */
		private final @Nullable OAuth2TokenType lookedUpAs;

		private final Function<Authentication, String> presentedValue;

		Locking(AuthenticationProvider delegate, String column, @Nullable OAuth2TokenType lookedUpAs,
				Function<Authentication, String> presentedValue) {
			this.delegate = delegate;
			this.lockStatement = "select id from oauth2_authorization where " + column + " = ? for update";
			this.lookedUpAs = lookedUpAs;
			this.presentedValue = presentedValue;
		}

		private void lock(String presented) {
			if (presented != null && this.lookedUpAs != null && SingleUseGrants.this.lookups != null) {
				SingleUseGrants.this.lookups.lockAndLoad(presented, this.lookedUpAs);
			}
			else {
				SingleUseGrants.this.jdbc.sql(this.lockStatement).param(presented).query(String.class).list();
			}
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			String presented = this.presentedValue.apply(authentication);
			if (presented != null && presented.indexOf('\u0000') >= 0) {
				// no grant of ours holds one, and PostgreSQL refuses it in a text
				// parameter
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
			}
			Outcome outcome = SingleUseGrants.this.transactions.execute((status) -> {
				lock(presented);
				try {
					return new Outcome(this.delegate.authenticate(authentication), null);
				}
				catch (OAuth2AuthenticationException ex) {
					return new Outcome(null, ex);
				}
			});
			if (outcome.refusal() != null) {
				throw outcome.refusal();
			}
			return outcome.result();
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return this.delegate.supports(authentication);
		}

	}

	private record Outcome(Authentication result, OAuth2AuthenticationException refusal) {

	}

}
