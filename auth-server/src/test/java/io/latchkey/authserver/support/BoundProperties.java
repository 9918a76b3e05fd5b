package io.latchkey.authserver.support;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A properties record as Spring Boot binds it (its {@code @DefaultValue}s applied) from
 * the given settings, for unit tests that need one without a context.
 */
public final class BoundProperties {

	private BoundProperties() {
	}

	public static <T> T bind(Class<T> type, String prefix, Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(prefix, type);
	}

}
