package io.latchkey.authserver.consent;

import java.util.Comparator;
import java.util.List;

/**
 * The order scopes are listed in on the consent page, the same at every visit: OpenID
 * Connect's standard scopes first, from who you are to what an application may keep (Core
 * 5.4, then {@code offline_access} of 11), then the others alphabetically.
 */
final class ScopeOrder {

	private static final List<String> STANDARD = List.of("profile", "email", "address", "phone", "offline_access");

	static final Comparator<String> SCOPES = Comparator.comparingInt(ScopeOrder::rank)
		.thenComparing(Comparator.naturalOrder());

	private ScopeOrder() {
	}

	private static int rank(String scope) {
		int standard = STANDARD.indexOf(scope);
		return (standard >= 0) ? standard : STANDARD.size();
	}

}
