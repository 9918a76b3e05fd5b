package io.latchkey.authserver.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

/**
 * What a client registration must satisfy, the same for the developer portal and dynamic
 * registration. Each problem names the field and a message key.
 */
@Component
public class ClientRules {

	public static final Duration MIN_ACCESS_TOKEN = Duration.ofMinutes(1);

	public static final Duration MAX_ACCESS_TOKEN = Duration.ofMinutes(60);

	public static final Duration MIN_REFRESH_TOKEN = Duration.ofHours(1);

	public static final Duration MAX_REFRESH_TOKEN = Duration.ofDays(30);

	/** At most this many URIs of each kind, each at most this long. */
	public static final int MAX_URIS = 10;

	public static final int MAX_URI_LENGTH = 300;

	private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

	/**
	 * OpenID Connect Core 11: refresh tokens that outlive the person's session (without
	 * it, signing out ends them), always with consent.
	 */
	public static final String OFFLINE_ACCESS = "offline_access";

	private final Set<String> allowedScopes;

	ClientRules(TokenProperties tokens) {
		Set<String> scopes = new LinkedHashSet<>(
				List.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL, "roles", OFFLINE_ACCESS));
		tokens.resources().forEach((resource) -> scopes.addAll(resource.scopes()));
		this.allowedScopes = Set.copyOf(scopes);
	}

	/**
	 * The scopes a client may register: OpenID Connect's (with offline access), roles,
	 * and every API's.
	 */
	public Set<String> allowedScopes() {
		return this.allowedScopes;
	}

	/** Assigned characters, no control characters: the name is shown on consent pages. */
	private static final Pattern PRINTABLE = Pattern.compile("[\\p{IsAssigned}&&[^\\p{Cc}\\p{Cs}]]*");

	public List<Problem> check(ClientDefinition client) {
		List<Problem> problems = new ArrayList<>();
		if (client.name() == null || client.name().isBlank() || client.name().length() > 100
				|| !PRINTABLE.matcher(client.name()).matches()) {
			problems.add(new Problem("name", "client.name.invalid"));
		}
		if (client.type() == null) {
			problems.add(new Problem("type", "client.type.required"));
			return problems;
		}
		if (client.type() == ClientType.SERVICE) {
			if (!client.redirectUris().isEmpty() || !client.postLogoutRedirectUris().isEmpty()) {
				problems.add(new Problem("redirectUris", "client.redirect-uri.service"));
			}
		}
		else if (client.redirectUris().isEmpty()) {
			problems.add(new Problem("redirectUris", "client.redirect-uri.required"));
		}
		// bounded so that the stored lists fit their columns
		if (client.redirectUris().size() > MAX_URIS
				|| client.redirectUris().stream().anyMatch((uri) -> uri.length() > MAX_URI_LENGTH)) {
			problems.add(new Problem("redirectUris", "client.uris.too-many"));
		}
		if (client.postLogoutRedirectUris().size() > MAX_URIS
				|| client.postLogoutRedirectUris().stream().anyMatch((uri) -> uri.length() > MAX_URI_LENGTH)) {
			problems.add(new Problem("postLogoutRedirectUris", "client.uris.too-many"));
		}
		if (client.backchannelLogoutUri() != null && client.backchannelLogoutUri().length() > MAX_URI_LENGTH) {
			problems.add(new Problem("backchannelLogoutUri", "client.uris.too-many"));
		}
		client.redirectUris()
			.stream()
			.filter((uri) -> !isAcceptableRedirectUri(uri, client.type()))
			.findFirst()
			.ifPresent((uri) -> problems.add(new Problem("redirectUris", "client.redirect-uri.invalid", uri)));
		client.postLogoutRedirectUris()
			.stream()
			.filter((uri) -> !isAcceptableRedirectUri(uri, client.type()))
			.findFirst()
			.ifPresent(
					(uri) -> problems.add(new Problem("postLogoutRedirectUris", "client.redirect-uri.invalid", uri)));
		String backchannel = client.backchannelLogoutUri();
		if (backchannel != null && !backchannel.isBlank() && !isWebUri(backchannel)) {
			problems.add(new Problem("backchannelLogoutUri", "client.backchannel-uri.invalid", backchannel));
		}
		client.scopes()
			.stream()
			.filter((scope) -> !this.allowedScopes.contains(scope))
			.findFirst()
			.ifPresent((scope) -> problems.add(new Problem("scopes", "client.scope.unknown", scope)));
		if (client.type() != ClientType.SERVICE && !client.scopes().contains(OidcScopes.OPENID)) {
			problems.add(new Problem("scopes", "client.scope.openid"));
		}
		if (client.accessTokenTimeToLive() == null || client.accessTokenTimeToLive().compareTo(MIN_ACCESS_TOKEN) < 0
				|| client.accessTokenTimeToLive().compareTo(MAX_ACCESS_TOKEN) > 0) {
			problems.add(new Problem("accessTokenMinutes", "client.access-token.range"));
		}
		if (client.refreshTokenTimeToLive() == null || client.refreshTokenTimeToLive().compareTo(MIN_REFRESH_TOKEN) < 0
				|| client.refreshTokenTimeToLive().compareTo(MAX_REFRESH_TOKEN) > 0) {
			problems.add(new Problem("refreshTokenHours", "client.refresh-token.range"));
		}
		checkOptions(client, problems);
		return problems;
	}

	private static void checkOptions(ClientDefinition client, List<Problem> problems) {
		ClientOptions options = client.options();
		if (!ClientOptions.ID_TOKEN_ALGORITHMS.contains(options.idTokenSigningAlgorithm())) {
			problems.add(new Problem("idTokenSigningAlgorithm", "client.id-token-alg.invalid"));
		}
		String sector = options.sectorIdentifierUri();
		if (sector != null && (sector.length() > MAX_URI_LENGTH || !isWebUri(sector))) {
			problems.add(new Problem("sectorIdentifierUri", "client.sector.invalid", sector));
		}
		if (options.pairwiseSubjects() && sector == null
				&& client.redirectUris().stream().map(ClientRules::hostOf).distinct().count() > 1) {
			problems.add(new Problem("sectorIdentifierUri", "client.sector.needed"));
		}
		String keys = options.jwkSetUri();
		if (keys != null && (keys.length() > MAX_URI_LENGTH || !isWebUri(keys))) {
			problems.add(new Problem("jwkSetUri", "client.jwks-uri.invalid", keys));
		}
		if (options.requestUris().size() > MAX_URIS) {
			problems.add(new Problem("requestUris", "client.uris.too-many"));
		}
		options.requestUris()
			.stream()
			.filter((uri) -> uri.length() > MAX_URI_LENGTH || !isRequestUri(uri))
			.findFirst()
			.ifPresent((uri) -> problems.add(new Problem("requestUris", "client.request-uri.invalid", uri)));
		if (!ClientOptions.AUTHENTICATION_METHODS.contains(options.authenticationMethod())) {
			problems.add(new Problem("authenticationMethod", "client.authentication-method.invalid"));
		}
		else if (options.privateKeyJwt() && client.type() != ClientType.PUBLIC && keys == null) {
			problems.add(new Problem("jwkSetUri", "client.private-key-jwt.keys"));
		}
		checkPage("logoUri", options.logoUri(), problems);
		checkPage("policyUri", options.policyUri(), problems);
		checkPage("tosUri", options.tosUri(), problems);
		if (!options.requestUris().isEmpty() && keys == null) {
			problems.add(new Problem("requestUris", "client.request-uri.keys"));
		}
	}

	/** A page shown to people: https (http only on loopback), at most 300 characters. */
	private static void checkPage(String field, String uri, List<Problem> problems) {
		if (uri != null && (uri.length() > MAX_URI_LENGTH || !isWebUri(uri))) {
			problems.add(new Problem(field, "client.page-uri.invalid", uri));
		}
	}

	/**
	 * A web URI that may end in a fragment: OpenID Connect Registration 2 has clients put
	 * a hash of the request object there.
	 */
	private static boolean isRequestUri(String uri) {
		int hash = uri.indexOf('#');
		return isWebUri((hash >= 0) ? uri.substring(0, hash) : uri);
	}

	private static String hostOf(String uri) {
		URI parsed = parse(uri);
		return (parsed != null && parsed.getHost() != null) ? parsed.getHost().toLowerCase(Locale.ROOT) : uri;
	}

	/**
	 * A redirect URI as OAuth 2.1 (section 2.3.1) and RFC 8252 allow: absolute, without
	 * fragment or wildcard; https, or http on a loopback host; and for native (public)
	 * apps also a private-use scheme in reverse-domain form (RFC 8252 section 7.1).
	 */
	static boolean isAcceptableRedirectUri(String value, ClientType type) {
		URI uri = parse(value);
		if (uri == null || uri.getRawFragment() != null || value.contains("*")) {
			return false;
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("https") || scheme.equals("http")) {
			return isWebUri(value);
		}
		// a private-use scheme: only native apps, only reverse-domain names
		return type == ClientType.PUBLIC && scheme.contains(".") && !scheme.equals("javascript")
				&& uri.getRawSchemeSpecificPart().startsWith("/");
	}

	/**
	 * https anywhere, or http on a loopback host; absolute, no fragment, no user info.
	 */
	static boolean isWebUri(String value) {
		URI uri = parse(value);
		if (uri == null || uri.getRawFragment() != null || uri.getHost() == null || uri.getRawUserInfo() != null
				|| value.contains("*")) {
			return false;
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("https")) {
			return true;
		}
		return scheme.equals("http") && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
	}

	private static URI parse(String value) {
		if (value == null || value.isBlank() || !value.equals(value.trim())) {
			return null;
		}
		try {
			URI uri = new URI(value);
			return (uri.isAbsolute() && !uri.isOpaque() || (uri.isAbsolute() && uri.getScheme().contains("."))) ? uri
					: null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * One thing wrong with a registration.
	 *
	 * @param field the form field (or metadata) it concerns
	 * @param messageKey the message that explains it
	 * @param value the offending value, if any
	 */
	public record Problem(String field, String messageKey, String value) {

		Problem(String field, String messageKey) {
			this(field, messageKey, null);
		}

	}

}
