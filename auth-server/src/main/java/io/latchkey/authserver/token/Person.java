package io.latchkey.authserver.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What tokens and userinfo say about an account, read with plain JDBC in the same
 * statement as its roles and groups (the query's rows are the account joined with each of
 * its roles and groups).
 */
record Person(String username, @Nullable String displayName, @Nullable String givenName, @Nullable String familyName,
		@Nullable String locale, @Nullable String zoneinfo, Instant updatedAt, String email, boolean emailVerified,
		List<String> roles, List<String> groups) {

	/** The columns to select, from {@code user_account u} joined by {@link #JOINS}. */
	static final String COLUMNS = "u.username, u.display_name, u.given_name, u.family_name, u.locale, u.zoneinfo,"
			+ " u.updated_at, u.email, u.email_verified, r.role, g.group_name";

	/** Each role and group of the account {@code u}, as rows (none: one row of nulls). */
	static final String JOINS = " left join account_role r on r.account_id = u.id"
			+ " left join account_group g on g.account_id = u.id";

	/**
	 * After the query's {@code where}: roles and groups in a stable, alphabetical order.
	 */
	static final String ORDER = " order by r.role, g.group_name";

	/** The name to show: the display name when there is one, else the username. */
	String name() {
		return (this.displayName != null && !this.displayName.isBlank()) ? this.displayName : this.username;
	}

	/**
	 * Reads the person from the current row and the rows after it, up to the end or the
	 * first row without an account; answers null when the current row has none.
	 */
	static @Nullable Person read(ResultSet rows) throws SQLException {
		String username = rows.getString("username");
		if (username == null) {
			return null;
		}
		String displayName = rows.getString("display_name");
		String givenName = rows.getString("given_name");
		String familyName = rows.getString("family_name");
		String locale = rows.getString("locale");
		String zoneinfo = rows.getString("zoneinfo");
		Instant updatedAt = rows.getObject("updated_at", OffsetDateTime.class).toInstant();
		String email = rows.getString("email");
		boolean emailVerified = rows.getBoolean("email_verified");
		Set<String> roles = new LinkedHashSet<>();
		Set<String> groups = new LinkedHashSet<>();
		do {
			addIfPresent(roles, rows.getString("role"));
			addIfPresent(groups, rows.getString("group_name"));
		}
		while (rows.next());
		return new Person(username, displayName, givenName, familyName, locale, zoneinfo, updatedAt, email,
				emailVerified, new ArrayList<>(roles), new ArrayList<>(groups));
	}

	private static void addIfPresent(Set<String> values, @Nullable String value) {
		if (value != null) {
			values.add(value);
		}
	}

}
