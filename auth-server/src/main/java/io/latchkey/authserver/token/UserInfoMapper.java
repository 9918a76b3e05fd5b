package io.latchkey.authserver.token;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.stereotype.Component;

/**
 * Answers the userinfo endpoint from the account as it is now, limited to the scopes of
 * the presented access token.
 */
@Component
public class UserInfoMapper implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private final StandardClaims standardClaims;

	UserInfoMapper(StandardClaims standardClaims) {
		this.standardClaims = standardClaims;
	}

	@Override
	public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
		String subject = context.getAuthorization().getPrincipalName();
		Map<String, Object> claims = new HashMap<>();
		this.standardClaims.forSubject(subject, context.getAccessToken().getScopes())
			.forEach((name, value) -> claims.put(name,
					(value instanceof Instant instant) ? instant.getEpochSecond() : value));
		claims.put(StandardClaimNames.SUB, subject);
		return new OidcUserInfo(claims);
	}

}
