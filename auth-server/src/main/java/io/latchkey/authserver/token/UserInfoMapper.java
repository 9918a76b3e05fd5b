package io.latchkey.authserver.token;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.stereotype.Component;

/**
 * Answers the userinfo endpoint from the account as it is now, limited to the scopes of
 * the presented access token.
 */
@Component
public class UserInfoMapper implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private final StandardClaims standardClaims;

	private final PairwiseSubjects pairwiseSubjects;

	private final RegisteredClientRepository clients;

	UserInfoMapper(StandardClaims standardClaims, PairwiseSubjects pairwiseSubjects,
			RegisteredClientRepository clients) {
		this.standardClaims = standardClaims;
		this.pairwiseSubjects = pairwiseSubjects;
		this.clients = clients;
	}

	@Override
	public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
		String subject = context.getAuthorization().getPrincipalName();
		Map<String, Object> claims = new HashMap<>();
		ClaimsRequest.of(context.getAuthorization())
			.limit(this.standardClaims.forSubject(subject, context.getAccessToken().getScopes()), "userinfo",
					StandardClaims.SCOPE_OF_CLAIM)
			.forEach((name, value) -> claims.put(name,
					(value instanceof Instant instant) ? instant.getEpochSecond() : value));
		// the same sub as the client's ID tokens (OpenID Connect Core 5.3.2)
		claims.put(StandardClaimNames.SUB, this.pairwiseSubjects
			.subjectFor(this.clients.findById(context.getAuthorization().getRegisteredClientId()), subject));
		return new OidcUserInfo(claims);
	}

}
