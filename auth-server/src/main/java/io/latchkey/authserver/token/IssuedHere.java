package io.latchkey.authserver.token;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;

/**
 * Our endpoints take only tokens this issuer issued: userinfo and client registration
 * (the bearer-token decoder) and introspection compare the token's {@code iss} with the
 * issuer answering the request (RFC 9068 section 4; RFC 7662 section 4: a token not
 * usable here is inactive). Another issuer that shares our signing keys (the same
 * deployment under another name, while no issuer is configured) signs tokens we would
 * otherwise take.
 */
public final class IssuedHere {

	private IssuedHere() {
	}

	/** For the bearer-token decoder: {@code iss} is the issuer answering the request. */
	static OAuth2TokenValidator<Jwt> validator() {
		return (jwt) -> isCurrentIssuer((jwt.getIssuer() != null) ? jwt.getIssuer().toString() : null)
				? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
						"The token was not issued by this server", null));
	}

	/**
	 * Introspection answers inactive for a token that names another issuer; refresh
	 * tokens name none and are found only where we stored them.
	 */
	public static void configureIntrospection(List<AuthenticationProvider> providers) {
		providers.replaceAll((provider) -> (provider instanceof OAuth2TokenIntrospectionAuthenticationProvider)
				? new IntrospectingHere(provider) : provider);
	}

	private static boolean isCurrentIssuer(String issuer) {
		AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
		return issuer != null && context != null && issuer.equals(context.getIssuer());
	}

	private record IntrospectingHere(AuthenticationProvider library) implements AuthenticationProvider {

		@Override
		public Authentication authenticate(Authentication authentication) {
			Authentication result = this.library.authenticate(authentication);
			if (!(result instanceof OAuth2TokenIntrospectionAuthenticationToken introspection)
					|| !introspection.getTokenClaims().isActive()) {
				return result;
			}
			// a token without iss is one we stored as issued (a refresh token): ours
			Object issuer = introspection.getTokenClaims().getClaims().get(OAuth2TokenIntrospectionClaimNames.ISS);
			if (issuer != null && !isCurrentIssuer(issuer.toString())) {
				return new OAuth2TokenIntrospectionAuthenticationToken(introspection.getToken(),
						(Authentication) introspection.getPrincipal(), OAuth2TokenIntrospection.builder().build());
			}
			return result;
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return this.library.supports(authentication);
		}

	}

}
