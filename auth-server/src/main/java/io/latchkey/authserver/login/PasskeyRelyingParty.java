package io.latchkey.authserver.login;

import java.net.URI;
import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

/**
 * Who we are to authenticators: the relying party id and the origins passkey responses
 * may come from, configured or taken from the issuer.
 */
@Component
public class PasskeyRelyingParty {

	public static final String NAME = "Latchkey";

	private final String id;

	private final Set<String> allowedOrigins;

	PasskeyRelyingParty(PasskeyProperties properties, AuthorizationServerSettings settings, Environment environment) {
		URI issuer = URI.create((settings.getIssuer() != null) ? settings.getIssuer()
				: "http://localhost:" + environment.getProperty("server.port", "9000"));
		this.id = (properties.rpId() != null) ? properties.rpId() : issuer.getHost();
		this.allowedOrigins = (properties.allowedOrigins() != null && !properties.allowedOrigins().isEmpty())
				? properties.allowedOrigins() : Set.of(origin(issuer));
	}

	public String id() {
		return this.id;
	}

	public Set<String> allowedOrigins() {
		return this.allowedOrigins;
	}

	private static String origin(URI uri) {
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

}
