package io.latchkey.authserver.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The web origins of browser-based applications (OAuth 2.0 for Browser-Based Apps): the
 * scheme, host and port of every redirect URI of a public client. Their scripts may call
 * the token, userinfo and revocation endpoints across origins; nobody else's may. Read
 * from the database at most every {@link #REFRESH} on each node, so a client registered
 * or changed on any node is known everywhere within that time.
 */
@Component
public class BrowserClientOrigins {

	static final Duration REFRESH = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Set<String> origins = Set.of();

	private volatile Instant readAt = Instant.MIN;

	BrowserClientOrigins(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Whether scripts from this origin ({@code Origin} header) may call us. */
	public boolean isAllowed(String origin) {
		if (origin == null) {
			return false;
		}
		Instant now = this.clock.instant();
		if (now.isAfter(this.readAt.plus(REFRESH))) {
			this.origins = read();
			this.readAt = now;
		}
		return this.origins.contains(origin.toLowerCase(Locale.ROOT));
	}

	private Set<String> read() {
		Set<String> origins = new HashSet<>();
		this.jdbc.sql("select redirect_uris from oauth2_registered_client where client_authentication_methods like ?")
			.param("%none%")
			.query(String.class)
			.list()
			.forEach((uris) -> {
				for (String uri : uris.split(",")) {
					String origin = originOf(uri.trim());
					if (origin != null) {
						origins.add(origin);
					}
				}
			});
		return Set.copyOf(origins);
	}

	/** scheme://host[:port] of a web URI, as browsers send it in {@code Origin}. */
	static String originOf(String uri) {
		try {
			URI parsed = new URI(uri);
			String scheme = (parsed.getScheme() != null) ? parsed.getScheme().toLowerCase(Locale.ROOT) : null;
			if (!"https".equals(scheme) && !"http".equals(scheme) || parsed.getHost() == null) {
				return null;
			}
			int port = parsed.getPort();
			boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
					|| ("http".equals(scheme) && port == 80);
			return scheme + "://" + parsed.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
