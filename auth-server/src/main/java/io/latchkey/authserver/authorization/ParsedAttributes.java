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
 * The library's row mapper, with the typed JSON it spends most of a read on parsed once
 * per distinct stored text: the attributes column (the authorization request and the
 * principal) and the access token's metadata (its claims, and whether it is invalidated).
 * The code exchange reads its authorization twice, a refresh-token family reads the same
 * attributes at every rotation, and an API introspects the same access token at every
 * call; each such read parsed them again. The parsed maps are kept by their exact text in
 * a bounded map, so a kept value is what parsing that text gives; the row itself is still
 * read from the database for every request, and revoking a token changes its text, so
 * nothing revoked or changed is answered from here.
 */
final class ParsedAttributes implements RowMapper<OAuth2Authorization> {

	/** Distinct texts kept; a few KiB each with their parsed objects. */
	static final int KEPT = 512;

	/** An empty map as the library's typed JSON writes one. */
	static final String EMPTY = "{\"@class\":\"java.util.Collections$UnmodifiableMap\"}";

	private static final String ATTRIBUTES = "attributes";

	private static final String ACCESS_TOKEN_METADATA = "access_token_metadata";

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
		String attributes = row.getString(ATTRIBUTES);
		String accessTokenMetadata = StringUtils.hasText(row.getString("access_token_value"))
				? row.getString(ACCESS_TOKEN_METADATA) : null;
		boolean parseAttributes = worthParsing(attributes);
		boolean parseMetadata = worthParsing(accessTokenMetadata);
		if (!parseAttributes && !parseMetadata) {
			return this.library.mapRow(row, rowNumber);
		}
		OAuth2Authorization mapped = this.library.mapRow(blanked(row, parseAttributes, parseMetadata), rowNumber);
		OAuth2Authorization.Builder authorization = OAuth2Authorization.from(mapped);
		if (parseAttributes) {
			Map<String, Object> parsed = parsed(attributes);
			authorization.attributes((all) -> all.putAll(parsed));
		}
		if (parseMetadata) {
			Map<String, Object> parsed = parsed(accessTokenMetadata);
			authorization.token(mapped.getAccessToken().getToken(), (metadata) -> metadata.putAll(parsed));
		}
		return authorization.build();
	}

	private static boolean worthParsing(String text) {
		return StringUtils.hasText(text) && !EMPTY.equals(text);
	}

	private Map<String, Object> parsed(String text) {
		Map<String, Object> known = this.parsed.get(text);
		if (known != null) {
			return known;
		}
		Map<String, Object> attributes = Collections.unmodifiableMap(this.json.readValue(text, this.mapType));
		this.parsed.put(text, attributes);
		return attributes;
	}

	/** The row as the library reads it, with the columns parsed here empty. */
	private static ResultSet blanked(ResultSet row, boolean attributes, boolean accessTokenMetadata) {
		return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] { ResultSet.class },
				(proxy, method, arguments) -> {
					if ("getString".equals(method.getName()) && arguments != null && arguments.length == 1
							&& ((attributes && ATTRIBUTES.equals(arguments[0]))
									|| (accessTokenMetadata && ACCESS_TOKEN_METADATA.equals(arguments[0])))) {
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
