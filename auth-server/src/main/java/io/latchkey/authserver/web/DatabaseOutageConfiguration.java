package io.latchkey.authserver.web;

import javax.sql.DataSource;

import org.thymeleaf.ITemplateEngine;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * A database that cannot be reached is answered with a fast 503 (the pool waits two
 * seconds for a connection, application.yaml), not a 500 or an error blamed on the
 * request.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseOutageConfiguration {

	/**
	 * Outside the session filter, whose load and save of the session need the database.
	 */
	@Bean
	FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(AuthorizationServerSettings settings,
			ITemplateEngine templates) {
		FilterRegistrationBean<DatabaseUnavailableFilter> registration = new FilterRegistrationBean<>(
				new DatabaseUnavailableFilter(settings, templates));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

	@Bean
	static BeanPostProcessor noticingDataSource() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof DataSource pool && !(bean instanceof NoticingDataSource))
						? new NoticingDataSource(pool) : bean;
			}
		};
	}

}
