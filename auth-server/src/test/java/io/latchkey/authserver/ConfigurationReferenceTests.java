package io.latchkey.authserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's configuration table and the settings there are cannot drift apart: every
 * {@code latchkey.*} setting in the metadata that spring-boot-configuration-processor
 * writes from the properties records is in the table, and every {@code latchkey.*} name
 * in the table is a setting (a row may name a group, such as {@code latchkey.demo-user}).
 */
class ConfigurationReferenceTests {

	private static final Pattern NAME = Pattern.compile("`([a-z0-9.\\[\\]-]+)`");

	@Test
	void readmeTableWhenComparedWithTheMetadataThenBothNameTheSameSettings() throws IOException {
		Set<String> settings = settings();
		List<String> table = tableNames();
		assertThat(settings).as("the metadata (target/classes/META-INF)").isNotEmpty();

		Set<String> missingFromTable = new TreeSet<>();
		for (String setting : settings) {
			if (table.stream().noneMatch((row) -> setting.equals(row) || setting.startsWith(row + "."))) {
				missingFromTable.add(setting);
			}
		}
		Set<String> notSettings = new TreeSet<>();
		for (String row : table) {
			if (settings.stream().noneMatch((setting) -> setting.equals(row) || setting.startsWith(row + "."))) {
				notSettings.add(row);
			}
		}
		assertThat(missingFromTable).as("settings README's table leaves out").isEmpty();
		assertThat(notSettings).as("names in README's table that are no setting").isEmpty();
	}

	private static Set<String> settings() throws IOException {
		JsonNode metadata = JsonMapper.builder()
			.build()
			.readTree(Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json")));
		Set<String> names = new TreeSet<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("latchkey.")) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * The latchkey names in the first column of the table under "Configuration that
	 * matters"; a short name after a full one ({@code latchkey.accounts.a}, {@code b})
	 * shares its parent.
	 */
	private static List<String> tableNames() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("../README.md"));
		int start = lines.indexOf("## Configuration that matters");
		assertThat(start).as("README's configuration section").isNotNegative();
		List<String> names = new ArrayList<>();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("## ")) {
				break;
			}
			if (!line.startsWith("| `")) {
				continue;
			}
			String firstColumn = line.substring(1, line.indexOf('|', 1));
			String parent = null;
			Matcher name = NAME.matcher(firstColumn);
			while (name.find()) {
				String found = name.group(1);
				if (found.contains(".")) {
					parent = found.substring(0, found.lastIndexOf('.'));
				}
				else if (parent != null) {
					found = parent + "." + found;
				}
				if (found.startsWith("latchkey.")) {
					names.add(found);
				}
			}
		}
		return names;
	}

}
