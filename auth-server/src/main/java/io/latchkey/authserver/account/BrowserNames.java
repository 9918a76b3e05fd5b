package io.latchkey.authserver.account;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The browser and system a User-Agent header names, as a person knows them ("Firefox",
 * "Android"), or null when it names none we know. Good enough to tell one's own devices
 * apart; not a full parser, and never trusted for anything else: a browser may claim to
 * be any other.
 */
final class BrowserNames {

	// the order matters: Edge and Opera also say Chrome, Chrome also says Safari
	private static final List<Map.Entry<String, String>> BROWSERS = List.of(Map.entry("Edg/", "Edge"),
			Map.entry("OPR/", "Opera"), Map.entry("Firefox/", "Firefox"), Map.entry("Chromium/", "Chromium"),
			Map.entry("Chrome/", "Chrome"), Map.entry("Safari/", "Safari"), Map.entry("curl/", "curl"));

	// iPhone and iPad say "like Mac OS X", Android says Linux
	private static final List<Map.Entry<String, String>> SYSTEMS = List.of(Map.entry("iPhone", "iOS"),
			Map.entry("iPad", "iPadOS"), Map.entry("Android", "Android"), Map.entry("CrOS", "ChromeOS"),
			Map.entry("Windows", "Windows"), Map.entry("Mac OS X", "macOS"), Map.entry("Linux", "Linux"));

	private BrowserNames() {
	}

	static @Nullable String browser(String userAgent) {
		return first(BROWSERS, userAgent);
	}

	static @Nullable String system(String userAgent) {
		return first(SYSTEMS, userAgent);
	}

	private static @Nullable String first(List<Map.Entry<String, String>> names, String userAgent) {
		for (Map.Entry<String, String> name : names) {
			if (userAgent.contains(name.getKey())) {
				return name.getValue();
			}
		}
		return null;
	}

}
