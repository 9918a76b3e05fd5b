package io.latchkey.authserver.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.latchkey.authserver.account.Languages;
import io.latchkey.authserver.audit.AuditEventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every language says everything: the same keys in each messages file, with the same
 * placeholders, and every key a template names exists.
 */
class MessagesTests {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

	// #{key} and #{key(arguments)}, not keys built at run time (#{'event.' + ...})
	private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-zA-Z][\\w.-]*)[}(]");

	@Test
	void keysWhenComparedAcrossLanguagesThenEveryFileHasEveryKey() throws IOException {
		Properties english = load(Languages.DEFAULT);
		for (Locale language : Languages.SUPPORTED) {
			Properties other = load(language);
			assertThat(other.stringPropertyNames()).as("keys in %s", language)
				.containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
			for (String key : english.stringPropertyNames()) {
				assertThat(placeholders(other.getProperty(key))).as("placeholders of %s in %s", key, language)
					.isEqualTo(placeholders(english.getProperty(key)));
			}
		}
	}

	@Test
	void keysWhenTemplatesNameThemThenTheyExist() throws IOException {
		Properties english = load(Languages.DEFAULT);
		Set<String> missing = new TreeSet<>();
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path template : templates.filter((path) -> path.toString().endsWith(".html")).toList()) {
				Matcher key = TEMPLATE_KEY.matcher(Files.readString(template));
				while (key.find()) {
					if (!english.containsKey(key.group(1))) {
						missing.add(template.getFileName() + ": " + key.group(1));
					}
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void eventsWhenShownThenEveryTypeHasWords() throws IOException {
		Properties english = load(Languages.DEFAULT);
		for (AuditEventType type : AuditEventType.values()) {
			assertThat(english).containsKey("event." + type.name());
		}
	}

	private static Properties load(Locale language) throws IOException {
		String name = language.equals(Languages.DEFAULT) ? "/messages.properties"
				: "/messages_" + language.toLanguageTag() + ".properties";
		Properties properties = new Properties();
		try (InputStream in = MessagesTests.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

	private static Set<String> placeholders(String message) {
		Set<String> found = new TreeSet<>();
		Matcher placeholder = PLACEHOLDER.matcher(message);
		while (placeholder.find()) {
			found.add(placeholder.group(1));
		}
		return found;
	}

}
