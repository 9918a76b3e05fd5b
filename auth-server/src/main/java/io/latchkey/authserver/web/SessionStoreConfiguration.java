package io.latchkey.authserver.web;

import java.sql.DatabaseMetaData;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions in the database (Spring Session JDBC), safe for a browser's parallel requests.
 * Spring Session inserts an attribute it did not load; two requests of one session that
 * add the same attribute at once (the saved request, the CSRF token: a page and its tabs)
 * both insert it, and the second failed on the primary key with a 500. An attribute is
 * written as an upsert instead: the later write wins, as it would for an attribute both
 * requests had loaded. The store is read once per request ({@link SavedSessionReuse}).
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	private static final String POSTGRESQL_UPSERT = """
			INSERT INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
			VALUES (?, ?, ?)
			ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES
			""";

	// the embedded H2 database's own form of the same statement
	private static final String H2_UPSERT = """
			MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
			KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)
			""";

	/** Inside the session filter: the lifetime is set before the session is saved. */
	@Bean
	FilterRegistrationBean<SessionLifetimes> sessionLifetimes(@Value("${spring.session.timeout}") Duration anonymous,
			SessionProperties sessions) {
		FilterRegistrationBean<SessionLifetimes> registration = new FilterRegistrationBean<>(
				new SessionLifetimes(anonymous, sessions.signedInTimeout()));
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

	@Bean
	static SavedSessionReuse savedSessionReuse() {
		return new SavedSessionReuse();
	}

	/** Outside the session filter, so that it bounds both of its commits. */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> savedSessionReuseBoundary(SavedSessionReuse sessions) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				sessions.requestBoundary());
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
	}

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionAttributeUpserts(DataSource dataSource)
			throws MetaDataAccessException {
		String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		String upsert = "H2".equalsIgnoreCase(product) ? H2_UPSERT : POSTGRESQL_UPSERT;
		return (repository) -> repository.setCreateSessionAttributeQuery(upsert);
	}

}
