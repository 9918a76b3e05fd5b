package io.latchkey.authserver.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a request failed because the database could not be reached, not because of the
 * request: no connection within the pool's timeout, a connection that broke, a server
 * shutting down, a lock or serialization conflict worth retrying. Some library endpoints
 * turn any exception into {@code invalid_request} (userinfo, registration, logout) and
 * sign-in turns it into a failed sign-in, so the data source also notes, for the request
 * on this thread, that a connection could not be had ({@link #notice()}); the
 * {@link DatabaseUnavailableFilter} answers 503 for it either way.
 */
final class DatabaseUnavailable {

	/**
	 * SQLSTATE classes: connection exception, insufficient resources, operator
	 * intervention.
	 */
	private static final List<String> UNAVAILABLE_STATES = List.of("08", "53", "57P");

	private static final ThreadLocal<boolean[]> noticed = new ThreadLocal<>();

	private DatabaseUnavailable() {
	}

	/** Whether the failure, or one of its causes, says the database is unavailable. */
	static boolean causedBy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| (cause instanceof SQLException sql && sql.getSQLState() != null
							&& UNAVAILABLE_STATES.stream().anyMatch(sql.getSQLState()::startsWith))
					|| "org.hibernate.exception.JDBCConnectionException".equals(cause.getClass().getName())) {
				return true;
			}
		}
		return false;
	}

	/** Starts watching the current thread's request. */
	static void watch() {
		noticed.set(new boolean[1]);
	}

	/**
	 * Whether the request on this thread met an unavailable database, and stops watching.
	 */
	static boolean unwatch() {
		boolean[] seen = noticed.get();
		noticed.remove();
		return seen != null && seen[0];
	}

	/** Whether the request on this thread has met an unavailable database already. */
	static boolean noticedAlready() {
		boolean[] seen = noticed.get();
		return seen != null && seen[0];
	}

	/**
	 * Notes for the request on this thread, if any, that the database was unavailable.
	 */
	static void notice() {
		boolean[] seen = noticed.get();
		if (seen != null) {
			seen[0] = true;
		}
	}

	/**
	 * Notes a failure of the providers that library endpoints turn into their own errors.
	 */
	static void noticing(List<AuthenticationProvider> providers) {
		providers.replaceAll(Noticing::new);
	}

	private record Noticing(AuthenticationProvider delegate) implements AuthenticationProvider {

		@Override
		public Authentication authenticate(Authentication authentication) {
			try {
				return this.delegate.authenticate(authentication);
			}
			catch (RuntimeException ex) {
				if (causedBy(ex)) {
					notice();
				}
				throw ex;
			}
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return this.delegate.supports(authentication);
		}

	}

}
