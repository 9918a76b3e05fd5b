package io.latchkey.authserver.account;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The time zone the signed-in person's own pages show times in: the {@code zoneinfo} of
 * their profile, else UTC. Templates ask for it ({@code @personZone.current()}) only
 * where they show a time, so other pages make no extra read.
 */
@Component("personZone")
public class PersonZone {

	private static final String UTC = "UTC";

	private final JdbcClient jdbc;

	PersonZone(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The zone's id, for {@code #temporals.format(instant, pattern, zone)}. */
	public String current() {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		UUID accountId = (signedIn != null) ? accountId(signedIn.getName()) : null;
		if (accountId == null) {
			return UTC;
		}
		String zone = this.jdbc.sql("select zoneinfo from user_account where id = ?")
			.param(accountId)
			.query(String.class)
			.optional()
			.orElse(null);
		try {
			return (zone != null && !zone.isBlank()) ? ZoneId.of(zone.trim()).getId() : UTC;
		}
		catch (DateTimeException ex) {
			return UTC;
		}
	}

	private static UUID accountId(String name) {
		try {
			return UUID.fromString(name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
