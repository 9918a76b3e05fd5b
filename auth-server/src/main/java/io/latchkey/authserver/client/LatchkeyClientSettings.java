package io.latchkey.authserver.client;

import java.util.List;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Our settings of a registered client, stored beside the library's in its client settings
 * under {@code settings.client.latchkey.*}: every key in one place, and typed readers for
 * every package that acts on them (authorization request rules, tokens, logout, the
 * portal).
 */
public final class LatchkeyClientSettings {

	private static final String PREFIX = "settings.client.latchkey.";

	/** The {@link ClientType}'s name. */
	static final String TYPE = PREFIX + "type";

	/** Disabled clients are refused everywhere, their tokens revoked. */
	static final String DISABLED = PREFIX + "disabled";

	/** The account id of the developer who owns the client. */
	static final String OWNER = PREFIX + "owner";

	/** OpenID Connect Back-Channel Logout 1.0 {@code backchannel_logout_uri}. */
	static final String BACKCHANNEL_LOGOUT_URI = PREFIX + "backchannel-logout-uri";

	/** Only multi-factor sign-ins (OpenID Connect Core 3.1.2.1 {@code acr}). */
	static final String REQUIRE_MULTI_FACTOR = PREFIX + "require-multi-factor";

	/** Authorization requests only through the PAR endpoint (RFC 9126 section 5). */
	static final String REQUIRE_PUSHED_REQUESTS = PREFIX + "require-pushed-authorization-requests";

	/** Every token request carries a DPoP proof (RFC 9449 section 5.2). */
	static final String DPOP_BOUND_ACCESS_TOKENS = PREFIX + "dpop-bound-access-tokens";

	/** {@code public} or {@link #PAIRWISE} (OpenID Connect Core 8). */
	static final String SUBJECT_TYPE = PREFIX + "subject-type";

	static final String PAIRWISE = "pairwise";

	/** OpenID Connect Core 8.1 {@code sector_identifier_uri}. */
	static final String SECTOR_IDENTIFIER_URI = PREFIX + "sector-identifier-uri";

	/** RFC 9101 {@code request_uris}, separated by spaces. */
	static final String REQUEST_URIS = PREFIX + "request-uris";

	/** RFC 7591 {@code logo_uri}, {@code policy_uri}, {@code tos_uri}. */
	static final String LOGO_URI = PREFIX + "logo-uri";

	static final String POLICY_URI = PREFIX + "policy-uri";

	static final String TOS_URI = PREFIX + "tos-uri";

	/** RFC 7591 {@code jwks}: the client's public keys by value, as JSON. */
	static final String JWKS = PREFIX + "jwks";

	private final ClientSettings settings;

	private LatchkeyClientSettings(ClientSettings settings) {
		this.settings = settings;
	}

	public static LatchkeyClientSettings of(RegisteredClient client) {
		return new LatchkeyClientSettings(client.getClientSettings());
	}

	public static LatchkeyClientSettings of(ClientSettings settings) {
		return new LatchkeyClientSettings(settings);
	}

	/** The stored type, or null for clients stored before it was kept. */
	public ClientType type() {
		return (this.settings.getSetting(TYPE) instanceof String name) ? ClientType.valueOf(name) : null;
	}

	public boolean disabled() {
		return isTrue(DISABLED);
	}

	public String owner() {
		return text(OWNER);
	}

	public String backChannelLogoutUri() {
		return text(BACKCHANNEL_LOGOUT_URI);
	}

	public boolean requireMultiFactor() {
		return isTrue(REQUIRE_MULTI_FACTOR);
	}

	public boolean requirePushedRequests() {
		return isTrue(REQUIRE_PUSHED_REQUESTS);
	}

	public boolean requireDPoP() {
		return isTrue(DPOP_BOUND_ACCESS_TOKENS);
	}

	public boolean pairwiseSubjects() {
		return PAIRWISE.equals(this.settings.getSetting(SUBJECT_TYPE));
	}

	public String sectorIdentifierUri() {
		return text(SECTOR_IDENTIFIER_URI);
	}

	public List<String> requestUris() {
		String uris = text(REQUEST_URIS);
		return (uris != null && !uris.isBlank()) ? List.of(uris.trim().split("\\s+")) : List.of();
	}

	public String jwks() {
		return text(JWKS);
	}

	public String logoUri() {
		return text(LOGO_URI);
	}

	public String policyUri() {
		return text(POLICY_URI);
	}

	public String tosUri() {
		return text(TOS_URI);
	}

	/** Typed writing of our settings into the library's client settings. */
	public static Writer writeTo(ClientSettings.Builder settings) {
		return new Writer(settings);
	}

	private boolean isTrue(String key) {
		return Boolean.TRUE.equals(this.settings.getSetting(key));
	}

	private String text(String key) {
		Object value = this.settings.getSetting(key);
		return (value != null) ? value.toString() : null;
	}

	/** Sets our settings on a library client settings builder, typed. */
	public static final class Writer {

		private final ClientSettings.Builder settings;

		private Writer(ClientSettings.Builder settings) {
			this.settings = settings;
		}

		public Writer type(ClientType type) {
			this.settings.setting(TYPE, type.name());
			return this;
		}

		public Writer disabled(boolean disabled) {
			this.settings.setting(DISABLED, disabled);
			return this;
		}

		public Writer owner(String accountId) {
			this.settings.setting(OWNER, accountId);
			return this;
		}

		public Writer backChannelLogoutUri(String uri) {
			if (uri != null) {
				this.settings.setting(BACKCHANNEL_LOGOUT_URI, uri);
			}
			return this;
		}

		public Writer requireMultiFactor(boolean required) {
			this.settings.setting(REQUIRE_MULTI_FACTOR, required);
			return this;
		}

		public Writer requirePushedRequests(boolean required) {
			this.settings.setting(REQUIRE_PUSHED_REQUESTS, required);
			return this;
		}

		public Writer requireDPoP(boolean required) {
			this.settings.setting(DPOP_BOUND_ACCESS_TOKENS, required);
			return this;
		}

		/** Pairwise subjects, by the redirect URIs' host or the sector identifier's. */
		public Writer pairwiseSubjects(String sectorIdentifierUri) {
			this.settings.setting(SUBJECT_TYPE, PAIRWISE);
			if (sectorIdentifierUri != null) {
				this.settings.setting(SECTOR_IDENTIFIER_URI, sectorIdentifierUri);
			}
			return this;
		}

		public Writer requestUris(List<String> uris) {
			if (!uris.isEmpty()) {
				this.settings.setting(REQUEST_URIS, String.join(" ", uris));
			}
			return this;
		}

		public Writer jwks(String jwks) {
			setIfPresent(JWKS, jwks);
			return this;
		}

		/** The pages the client links to; null leaves one out. */
		public Writer pages(String logoUri, String policyUri, String tosUri) {
			setIfPresent(LOGO_URI, logoUri);
			setIfPresent(POLICY_URI, policyUri);
			setIfPresent(TOS_URI, tosUri);
			return this;
		}

		private void setIfPresent(String key, String value) {
			if (value != null) {
				this.settings.setting(key, value);
			}
		}

		/** The library's builder, to go on with its own settings. */
		public ClientSettings.Builder and() {
			return this.settings;
		}

	}

}
