package io.latchkey.authserver.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool, noting for the current request when it cannot hand out a connection (see
 * {@link DatabaseUnavailable}); after that the request's further asks fail at once, so
 * that it waits for the pool once, not once per statement that follows.
 */
class NoticingDataSource extends DelegatingDataSource {

	NoticingDataSource(DataSource pool) {
		super(pool);
	}

	@Override
	public Connection getConnection() throws SQLException {
		failIfNoticed();
		try {
			return super.getConnection();
		}
		catch (SQLException ex) {
			DatabaseUnavailable.notice();
			throw ex;
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		failIfNoticed();
		try {
			return super.getConnection(username, password);
		}
		catch (SQLException ex) {
			DatabaseUnavailable.notice();
			throw ex;
		}
	}

	private static void failIfNoticed() throws SQLTransientConnectionException {
		if (DatabaseUnavailable.noticedAlready()) {
			throw new SQLTransientConnectionException("The database was unavailable earlier in this request", "08001");
		}
	}

}
