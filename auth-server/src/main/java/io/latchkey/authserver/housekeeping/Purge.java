package io.latchkey.authserver.housekeeping;

import java.time.Instant;

/**
 * Deletes what a feature no longer needs. Must be safe on several nodes at once, which an
 * idempotent delete is.
 */
public interface Purge {

	/** What it deletes, for the log. */
	String name();

	/** Deletes what was dead at the given time; answers how many rows. */
	int purge(Instant now);

}
