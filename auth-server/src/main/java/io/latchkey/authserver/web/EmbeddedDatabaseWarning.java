package io.latchkey.authserver.web;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Says so at start when the server runs on the embedded development database. */
@Component
class EmbeddedDatabaseWarning implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(EmbeddedDatabaseWarning.class);

	private final DataSource dataSource;

	EmbeddedDatabaseWarning(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void run(ApplicationArguments args) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName();
			if (!"PostgreSQL".equals(product)) {
				logger.warn("Running on the embedded " + product + " database (" + connection.getMetaData().getURL()
						+ "), meant for trying Latchkey out. Set DATABASE_URL to a PostgreSQL server for real use.");
			}
		}
	}

}
