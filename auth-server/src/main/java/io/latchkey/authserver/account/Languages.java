package io.latchkey.authserver.account;

import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The languages our pages and mail speak: a {@code messages} file each, the same keys in
 * every one (a test keeps it so). English is the default and the fallback.
 */
public final class Languages {

	public static final Locale DEFAULT = Locale.ENGLISH;

	public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

	private Languages() {
	}

	/** The language tags, as discovery's {@code ui_locales_supported} lists them. */
	public static List<String> tags() {
		return SUPPORTED.stream().map(Locale::toLanguageTag).toList();
	}

	/**
	 * The language we speak for the locale (by its language: de-AT is German), or null.
	 */
	public static @Nullable Locale supported(@Nullable Locale locale) {
		if (locale == null) {
			return null;
		}
		for (Locale language : SUPPORTED) {
			if (language.getLanguage().equals(locale.getLanguage())) {
				return language;
			}
		}
		return null;
	}

	/**
	 * The first language we speak among BCP 47 tags in order of preference, separated by
	 * spaces as OpenID Connect's {@code ui_locales} is (Core 3.1.2.1), or null. Tags that
	 * are not well formed are passed over.
	 */
	public static @Nullable Locale firstSupported(@Nullable String tags) {
		if (tags == null) {
			return null;
		}
		for (String tag : tags.trim().split(" +", 20)) {
			try {
				Locale language = supported(new Locale.Builder().setLanguageTag(tag).build());
				if (language != null) {
					return language;
				}
			}
			catch (IllformedLocaleException ex) {
				// the next one may be better
			}
		}
		return null;
	}

}
