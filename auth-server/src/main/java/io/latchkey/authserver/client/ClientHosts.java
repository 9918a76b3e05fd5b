package io.latchkey.authserver.client;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Where a client lives, as a person can check it: the host of its registered redirect
 * URIs, shown beside its name on the sign-in and consent pages so that a client named
 * like another is told apart by its address.
 */
public final class ClientHosts {

	private ClientHosts() {
	}

	/**
	 * The host (with its port) every registered redirect URI of the client shares, or
	 * null when it has none (a device or service client) or several.
	 */
	public static @Nullable String of(RegisteredClient client) {
		Set<String> hosts = new LinkedHashSet<>();
		for (String redirectUri : client.getRedirectUris()) {
			try {
				String authority = URI.create(redirectUri).getRawAuthority();
				if (authority == null) {
					return null;
				}
				hosts.add(authority.substring(authority.indexOf('@') + 1));
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		return (hosts.size() == 1) ? hosts.iterator().next() : null;
	}

}
