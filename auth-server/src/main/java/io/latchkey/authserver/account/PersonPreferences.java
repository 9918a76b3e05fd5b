package io.latchkey.authserver.account;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the signed-in person chose in their profile that our pages follow: the language
 * ({@code locale}, when it is one we speak) and the time zone ({@code zoneinfo}, else
 * UTC). Read once per request, and only where a page asks. Templates format times with it
 * ({@code @person.dateTime(instant)}): in the page's language, in the person's zone, with
 * the zone named.
 */
@Component("person")
public class PersonPreferences {

	private static final String ATTRIBUTE = PersonPreferences.class.getName();

	private static final ZoneId UTC = ZoneId.of("UTC");

	private final JdbcClient jdbc;

	PersonPreferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The language of the person's profile when we speak it, else null. */
	public @Nullable Locale locale() {
		return read().locale();
	}

	/** The zone the person's pages show times in. */
	public ZoneId zone() {
		return read().zone();
	}

	/** A day, as the page's language writes it (3 Dec 2026, 03.12.2026). */
	public String date(Instant instant) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
			.withLocale(LocaleContextHolder.getLocale())
			.withZone(zone())
			.format(instant);
	}

	/** A moment to the minute, with the zone it is shown in. */
	public String dateTime(Instant instant) {
		ZoneId zone = zone();
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(LocaleContextHolder.getLocale())
			.withZone(zone)
			.format(instant) + " " + zone.getId();
	}

	private Preferences read() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null
				&& request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Preferences known) {
			return known;
		}
		Preferences preferences = load();
		if (request != null) {
			request.setAttribute(ATTRIBUTE, preferences, RequestAttributes.SCOPE_REQUEST);
		}
		return preferences;
	}

	private Preferences load() {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		UUID accountId = (signedIn != null) ? accountId(signedIn.getName()) : null;
		if (accountId == null) {
			return Preferences.NONE;
		}
		return this.jdbc.sql("select locale, zoneinfo from user_account where id = ?")
			.param(accountId)
			.query((row, number) -> new Preferences(language(row.getString(1)), zone(row.getString(2))))
			.optional()
			.orElse(Preferences.NONE);
	}

	/** The language of a profile's locale claim when we speak it, else null. */
	static @Nullable Locale language(@Nullable String locale) {
		// the profile keeps a BCP 47 tag (de-CH), the claim's form
		return (locale != null && !locale.isBlank()) ? Languages.firstSupported(locale.replace('_', '-')) : null;
	}

	private static ZoneId zone(@Nullable String zoneinfo) {
		try {
			return (zoneinfo != null && !zoneinfo.isBlank()) ? ZoneId.of(zoneinfo.trim()) : UTC;
		}
		catch (DateTimeException ex) {
			return UTC;
		}
	}

	private static @Nullable UUID accountId(String name) {
		try {
			return UUID.fromString(name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private record Preferences(@Nullable Locale locale, ZoneId zone) {

		static final Preferences NONE = new Preferences(null, UTC);

	}

}
