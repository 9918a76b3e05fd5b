package io.latchkey.authserver.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Initial access tokens for dynamic client registration (RFC 7591 section 3), created by
 * a developer in the portal. Each is an access token with the {@code client.create}
 * scope, stored like any other so the library's registration endpoint accepts it,
 * single-use (the library invalidates it after a registration) and valid for a day. It
 * names the developer, who then owns the client registered with it.
 */
@Component
class InitialAccessTokens {

	static final String OWNER_CLAIM = "latchkey_owner";

	static final String REGISTRAR_CLIENT_ID = "latchkey-registrar";

	static final Duration LIFETIME = Duration.ofHours(24);

	private final CachingRegisteredClientRepository clients;

	private final OAuth2AuthorizationService authorizations;

	private final NimbusJwtEncoder encoder;

	private final AuthorizationServerSettings settings;

	private final AuditLog audit;

	private final Clock clock;

	private final ClientSecrets secrets;

	InitialAccessTokens(CachingRegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
			JWKSource<SecurityContext> keys, AuthorizationServerSettings settings, AuditLog audit, Clock clock,
			ClientSecrets secrets) {
		this.secrets = secrets;
		this.clients = clients;
		this.authorizations = authorizations;
		this.encoder = new NimbusJwtEncoder(keys);
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/** A new initial access token for the developer, shown once. */
	public String issue(UUID developerId, String developerName) {
		RegisteredClient registrar = registrar();
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(LIFETIME);
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(issuer())
			.subject(registrar.getClientId())
			.audience(new ArrayList<>(List.of(registrar.getClientId())))
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(expiresAt)
			.id(UUID.randomUUID().toString())
			.claim("scope", new ArrayList<>(List.of("client.create")))
			.claim(OWNER_CLAIM, developerId.toString())
			.build();
		Jwt jwt = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).type("at+jwt").build(), claims));
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, jwt.getTokenValue(), now,
				expiresAt, Set.of("client.create"));
		this.authorizations.save(OAuth2Authorization.withRegisteredClient(registrar)
			.principalName(developerId.toString())
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.authorizedScopes(Set.of("client.create"))
			.token(token,
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME,
							new LinkedHashMap<>(jwt.getClaims())))
			.build());
		this.audit.recordForClient(AuditEventType.INITIAL_ACCESS_TOKEN_CREATED, AuditOutcome.SUCCESS, developerId,
				developerName, null, "valid for " + LIFETIME);
		return jwt.getTokenValue();
	}

	/**
	 * The client initial access tokens are issued to: it has no usable secret, so nobody
	 * can obtain such a token any other way.
	 */
	private RegisteredClient registrar() {
		RegisteredClient existing = this.clients.findByClientId(REGISTRAR_CLIENT_ID);
		if (existing != null) {
			return existing;
		}
		RegisteredClient registrar = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(REGISTRAR_CLIENT_ID)
			.clientName("Latchkey dynamic registration")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			// a random secret that is never shown: the registrar cannot authenticate
			.clientSecret(this.secrets.encode(REGISTRAR_CLIENT_ID, ClientSecrets.generate()))
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("client.create")
			.build();
		this.clients.save(registrar);
		return registrar;
	}

	private String issuer() {
		String configured = this.settings.getIssuer();
		return (configured != null) ? configured : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
	}

}
