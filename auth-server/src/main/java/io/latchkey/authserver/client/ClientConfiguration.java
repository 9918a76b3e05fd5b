package io.latchkey.authserver.client;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;

@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

	/**
	 * The library's JDBC repository on our PostgreSQL schema (V2 migration), behind a
	 * cache: every token, introspection and userinfo request looks its client up, and
	 * clients rarely change. On PostgreSQL the nodes tell each other of changes; the
	 * embedded database serves one node only (its file is locked), so evicting locally is
	 * enough there.
	 */
	@Bean
	CachingRegisteredClientRepository registeredClientRepository(JdbcOperations jdbcOperations, JdbcClient jdbcClient,
			RegisteredClientCache cache) {
		return new CachingRegisteredClientRepository(new JdbcRegisteredClientRepository(jdbcOperations), cache,
				jdbcClient, isPostgres(jdbcOperations));
	}

	@Bean
	RegisteredClientChangeListener registeredClientChangeListener(JdbcOperations jdbcOperations, DataSource dataSource,
			RegisteredClientCache cache) {
		return new RegisteredClientChangeListener(dataSource, cache, isPostgres(jdbcOperations));
	}

	private static boolean isPostgres(JdbcOperations jdbc) {
		String product = jdbc.execute((ConnectionCallback<String>) (connection) -> {
			DatabaseMetaData metaData = connection.getMetaData();
			return metaData.getDatabaseProductName();
		});
		return "PostgreSQL".equals(product);
	}

}
