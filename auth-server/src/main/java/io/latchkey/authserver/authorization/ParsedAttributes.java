package io.latchkey.authserver.authorization;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.util.StringUtils;

/**
 * The library's row mapper, with the attributes column (the authorization request and the
 * principal, as typed JSON: the costliest part of reading an authorization) parsed once
 * per distinct stored text. The code exchange reads its authorization twice, and a
 * refresh-token family reads the same attributes at every rotation; each such read parsed
 * them again. The parsed maps are kept by their exact text in a bounded map, so a cached
 * value is what parsing that text gives; the row itself is still read from the database
 * for every request, so nothing revoked or changed is answered from here.
 */
final class ParsedAttributes implements RowMapper<OAuth2Authorization> {

	/** Distinct attribute texts kept; about 8 KiB each with their parsed objects. */
	static final int KEPT = 512;

	/** An empty map as the library's typed JSON writes one. */
	static final String EMPTY = "{\"@class\":\"java.util.Collections$UnmodifiableMap\"}";

	private final RowMapper<OAuth2Authorization> library;

	private final JsonMapper json = JsonMapper.builder()
		.addModules(SecurityJacksonModules.getModules(ParsedAttributes.class.getClassLoader()))
		.build();

	private final JavaType mapType = this.json.getTypeFactory().constructMapType(Map.class, String.class, Object.class);

	private final Map<String, Map<String, Object>> parsed = Collections
		.synchronizedMap(new LinkedHashMap<>(KEPT, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
				return size() > KEPT;
			}
		});

	ParsedAttributes(RowMapper<OAuth2Authorization> library) {
		this.library = library;
	}

	@Override
	public OAuth2Authorization mapRow(ResultSet row, int rowNumber) throws SQLException {
		String text = row.getString("attributes");
		if (!StringUtils.hasText(text) || EMPTY.equals(text)) {
			return this.library.mapRow(row, rowNumber);
		}
		OAuth2Authorization mapped = this.library.mapRow(withEmptyAttributes(row), rowNumber);
		Map<String, Object> attributes = attributes(text);
		return OAuth2Authorization.from(mapped).attributes((all) -> all.putAll(attributes)).build();
	}

	private Map<String, Object> attributes(String text) {
		Map<String, Object> known = this.parsed.get(text);
		if (known != null) {
			return known;
		}
		Map<String, Object> attributes = Collections.unmodifiableMap(this.json.readValue(text, this.mapType));
		this.parsed.put(text, attributes);
		return attributes;
	}

	/** The row as the library reads it, with an empty attributes column. */
	private static ResultSet withEmptyAttributes(ResultSet row) {
		return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] { ResultSet.class },
				(proxy, method, arguments) -> {
					if ("getString".equals(method.getName()) && arguments != null && arguments.length == 1
							&& "attributes".equals(arguments[0])) {
						return EMPTY;
					}
					try {
						return method.invoke(row, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
