package io.latchkey.authserver.support;

import java.net.URI;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the test context's data source at a database of its own; with
 * {@value #THROUGH_PROXY} set, through a {@link DatabaseProxy} the test can cut (a bean).
 */
public class FreshDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String THROUGH_PROXY = "latchkey.test.database-through-proxy";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String url = TestDatabases.createDatabase();
		if (context.getEnvironment().getProperty(THROUGH_PROXY, Boolean.class, false)) {
			URI server = URI.create(url.substring("jdbc:".length()));
			DatabaseProxy proxy = new DatabaseProxy(server.getHost(),
					(server.getPort() >= 0) ? server.getPort() : 5432);
			context.getBeanFactory().registerSingleton("databaseProxy", proxy);
			url = url.replace("//" + server.getRawAuthority() + "/", "//127.0.0.1:" + proxy.port() + "/");
		}
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("freshTestDatabase", Map.of("spring.datasource.url", url,
					"spring.datasource.username", "", "spring.datasource.password", "")));
	}

}
