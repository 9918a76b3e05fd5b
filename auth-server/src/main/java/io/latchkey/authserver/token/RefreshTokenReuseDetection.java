package io.latchkey.authserver.token;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;
import io.latchkey.authserver.client.TokenProperties;
import io.latchkey.authserver.crypto.Hashes;
import io.latchkey.authserver.housekeeping.Purge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Refresh-token reuse detection and the absolute lifetime of a refresh-token chain, which
 * the library leaves out. Refresh tokens rotate on every use (the library's rotation); we
 * remember each exchanged token's hash with its authorization, the token family. When a
 * remembered token is presented again, someone holds a copy: the whole family is revoked,
 * so neither the thief nor the client can go on with it, and the event is recorded. The
 * request itself fails as the library fails it, with {@code invalid_grant}.
 */
@Component
public class RefreshTokenReuseDetection implements Purge {

	/**
	 * Token setting: a client's own absolute refresh-token lifetime (shorter than ours).
	 */
	public static final String ABSOLUTE_LIFETIME_SETTING = "settings.token.latchkey.refresh-token-absolute-lifetime";

	private static final Log logger = LogFactory.getLog(RefreshTokenReuseDetection.class);

	/** How long past their family's expiry used tokens are remembered. */
	private static final Duration KEEP = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	private final TokenProperties tokens;

	private final Counter reuses;

	RefreshTokenReuseDetection(JdbcClient jdbc, AuditLog audit, Clock clock, TokenProperties tokens,
			MeterRegistry meters) {
		this.reuses = Counter.builder("latchkey.refresh_tokens.reused")
			.description("Used refresh tokens presented again: each revoked its family")
			.register(meters);
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** Puts the detection around the library's refresh token provider in the list. */
	public void configure(List<AuthenticationProvider> providers) {
		providers.replaceAll((provider) -> (provider instanceof OAuth2RefreshTokenAuthenticationProvider)
				? new Detecting(provider) : provider);
	}

	@Override
	public String name() {
		return "records of used refresh tokens whose family expired";
	}

	/** Deletes what can no longer matter: records of families whose tokens expired. */
	@Override
	public int purge(Instant now) {
		return this.jdbc.sql("delete from used_refresh_token where expires_at < ?")
			.param(Timestamp.from(now.minus(KEEP)))
			.update();
	}

	/**
	 * The absolute lifetime: rotation gives every new refresh token the client's full
	 * lifetime again (which makes that the idle lifetime), so the chain as a whole is
	 * limited by when its authorization began: the earliest start a chain may have now.
	 */
	private Instant latestStart(OAuth2RefreshTokenAuthenticationToken refresh) {
		Duration absolute = this.tokens.refreshTokenAbsoluteLifetime();
		if (refresh.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& client.getRegisteredClient() != null
				&& client.getRegisteredClient()
					.getTokenSettings()
					.getSetting(ABSOLUTE_LIFETIME_SETTING) instanceof Duration ofClient
				&& ofClient.compareTo(absolute) < 0) {
			absolute = ofClient;
		}
		return this.clock.instant().minus(absolute);
	}

	private boolean startedBefore(String refreshToken, Instant latestStart) {
		return this.jdbc.sql("select created_at < ? from oauth2_authorization where refresh_token_value = ?")
			.params(Timestamp.from(latestStart), refreshToken)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * Records the exchanged token with its family, if the family is young enough; one
	 * statement, as the authorization row now holds the new token. Answers whether it
	 * recorded.
	 */
	private boolean remember(String usedToken, String newRefreshToken, Instant latestStart) {
		return this.jdbc
			.sql("insert into used_refresh_token (token_hash, authorization_id, used_at, expires_at)"
					+ " select ?, id, ?, coalesce(refresh_token_expires_at, ?) from oauth2_authorization"
					+ " where refresh_token_value = ? and created_at >= ? on conflict do nothing")
			.params(Hashes.sha256Hex(usedToken), Timestamp.from(this.clock.instant()),
					Timestamp.from(this.clock.instant().plus(Duration.ofDays(30))), newRefreshToken,
					Timestamp.from(latestStart))
			.update() == 1;
	}

	private void endFamily(String refreshToken) {
		this.jdbc.sql("delete from oauth2_authorization where refresh_token_value = ?").param(refreshToken).update();
	}

	private static OAuth2AuthenticationException tooOld() {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
				"The refresh token chain reached its absolute lifetime; sign in again", null));
	}

	private void revokeFamilyIfReused(String presentedToken) {
		String family = this.jdbc.sql("select authorization_id from used_refresh_token where token_hash = ?")
			.param(Hashes.sha256Hex(presentedToken))
			.query(String.class)
			.optional()
			.orElse(null);
		if (family == null) {
			return;
		}
		List<Map<String, Object>> rows = this.jdbc
			.sql("select principal_name, registered_client_id from oauth2_authorization where id = ?")
			.param(family)
			.query()
			.listOfRows();
		this.jdbc.sql("delete from oauth2_authorization where id = ?").param(family).update();
		if (rows.isEmpty()) {
			return;
		}
		String principal = (String) rows.get(0).get("principal_name");
		String clientId = this.jdbc.sql("select client_id from oauth2_registered_client where id = ?")
			.param(rows.get(0).get("registered_client_id"))
			.query(String.class)
			.optional()
			.orElse(null);
		logger.warn("A used refresh token of client " + clientId + " was presented again; its authorization " + family
				+ " is revoked");
		this.audit.recordForClient(AuditEventType.REFRESH_TOKEN_REUSED, AuditOutcome.FAILURE, accountId(principal),
				null, clientId, "token family revoked");
		this.reuses.increment();
	}

	private static UUID accountId(String principal) {
		try {
			return UUID.fromString(principal);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The library's provider with the detection around it. */
	private final class Detecting implements AuthenticationProvider {

		private final AuthenticationProvider library;

		Detecting(AuthenticationProvider library) {
			this.library = library;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			OAuth2RefreshTokenAuthenticationToken refresh = (OAuth2RefreshTokenAuthenticationToken) authentication;
			String presented = refresh.getRefreshToken();
			Instant latestStart = latestStart(refresh);
			Authentication result;
			try {
				result = this.library.authenticate(authentication);
			}
			catch (OAuth2AuthenticationException ex) {
				revokeFamilyIfReused(presented);
				throw ex;
			}
			String rotated = (result instanceof OAuth2AccessTokenAuthenticationToken tokens
					&& tokens.getRefreshToken() != null) ? tokens.getRefreshToken().getTokenValue() : presented;
			// the age is checked with the bookkeeping after rotation (one statement on
			// the usual path); a chain found too old is ended with the tokens just made
			boolean tooOld = rotated.equals(presented) ? startedBefore(presented, latestStart)
					: !remember(presented, rotated, latestStart) && startedBefore(rotated, latestStart);
			if (tooOld) {
				endFamily(rotated);
				throw tooOld();
			}
			return result;
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return this.library.supports(authentication);
		}

	}

}
