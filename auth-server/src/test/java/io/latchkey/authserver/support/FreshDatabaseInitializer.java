package io.latchkey.authserver.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the test context's data source at a database of its own. */
public class FreshDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String url = TestDatabases.createDatabase();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("freshTestDatabase", Map.of("spring.datasource.url", url,
					"spring.datasource.username", "", "spring.datasource.password", "")));
	}

}
