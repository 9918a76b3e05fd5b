package io.latchkey.authserver.client;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped config/auth-server.yaml: the demo clients' secrets are defaults under the
 * demo profile only; outside it a client's secret comes from its variable or nowhere, and
 * the start then stops with a message that names the variable.
 */
class ShippedConfigurationTests {

	private static final List<String> CLIENTS_WITH_SECRETS = List.of("0", "1", "2");

	@Test
	void clientSecretsWhenNotTheDemoThenEmptyUntilTheEnvironmentGivesThem() throws IOException {
		PropertySourcesPropertyResolver production = resolver(false);

		for (String client : CLIENTS_WITH_SECRETS) {
			assertThat(production.getProperty("latchkey.clients[" + client + "].secret")).as("client %s", client)
				.isEmpty();
		}
	}

	@Test
	void clientSecretsWhenTheDemoThenItsDefaults() throws IOException {
		PropertySourcesPropertyResolver demo = resolver(true);

		assertThat(demo.getProperty("latchkey.clients[0].client-id")).isEqualTo("sample-client-a");
		assertThat(demo.getProperty("latchkey.clients[0].secret"))
			.isEqualTo("sample-client-a-demo-secret-change-me-0001");
		assertThat(demo.getProperty("latchkey.clients[2].secret")).startsWith("messages-service-demo-secret");
	}

	@Test
	void startWhenAConfiguredClientHasNoSecretThenTheMessageNamesTheVariable() {
		ConfiguredClientsProperties.ConfiguredClient client = new ConfiguredClientsProperties.ConfiguredClient(
				"sample-client-a", "Sample App A", "", ClientType.WEB, List.of(), List.of(), List.of(), false, false,
				null, false, null, null, null, null);

		assertThat(ConfiguredClientsInitializer.missingSecret(client)).contains("SAMPLE_CLIENT_A_SECRET")
			.contains("demo profile");
	}

	private static PropertySourcesPropertyResolver resolver(boolean demo) throws IOException {
		MutablePropertySources sources = new MutablePropertySources();
		for (PropertySource<?> document : new YamlPropertySourceLoader().load("auth-server.yaml",
				new FileSystemResource("../config/auth-server.yaml"))) {
			Object profile = document.getProperty("spring.config.activate.on-profile");
			if (profile == null) {
				sources.addLast(document);
			}
			else if (demo && "demo".equals(profile)) {
				sources.addFirst(document);
			}
		}
		return new PropertySourcesPropertyResolver(sources);
	}

}
