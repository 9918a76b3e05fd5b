package io.latchkey.authserver.throttle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import io.latchkey.authserver.support.BoundProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle defaults IDEs show (the generated metadata, from
 * {@code additional-spring-configuration-metadata.json}) are the ones the server uses.
 */
class ThrottlePropertiesTests {

	@Test
	void defaultsWhenTheMetadataIsBoundThenTheSameRulesAsWithNothingSet() throws IOException {
		JsonNode metadata = JsonMapper.builder()
			.build()
			.readTree(Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json")));
		Map<String, String> defaults = new TreeMap<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("latchkey.throttle.")) {
				assertThat(property.has("defaultValue")).as(name + " has a default in the metadata").isTrue();
				defaults.put(name, property.get("defaultValue").asString());
			}
		}

		assertThat(defaults).as("five rules of six settings").hasSize(30);
		assertThat(BoundProperties.bind(ThrottleProperties.class, "latchkey.throttle", defaults))
			.isEqualTo(BoundProperties.bind(ThrottleProperties.class, "latchkey.throttle", Map.of()));
	}

}
