package io.latchkey.authserver.web;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Told by the pool of every failed statement: one whose connection broke (the server went
 * away mid-request) is noted for the request (see {@link DatabaseUnavailable}), as the
 * exception that reaches the request is often the failed rollback after it, which no
 * longer says why. Named in application.yaml, so public; the pool decides on eviction as
 * it would without it.
 */
public class BrokenConnectionNotice implements SQLExceptionOverride {

	@java.lang.Override
	public Override adjudicate(SQLException failure) {
		if (DatabaseUnavailable.causedBy(failure)) {
			DatabaseUnavailable.notice();
		}
		return Override.CONTINUE_EVICT;
	}

}
