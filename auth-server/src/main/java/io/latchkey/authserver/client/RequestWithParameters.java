package io.latchkey.authserver.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request with other parameters than it came with, for the library's endpoints to read
 * (a verified request object's, or a scope widened for the claims parameter). The library
 * tells query from form parameters by the query string, so on a GET every parameter is in
 * it and on a POST none is.
 */
public final class RequestWithParameters extends HttpServletRequestWrapper {

	private final Map<String, String[]> parameters;

	public RequestWithParameters(HttpServletRequest request, Map<String, String[]> parameters) {
		super(request);
		this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	@Override
	public String getParameter(String name) {
		String[] values = this.parameters.get(name);
		return (values != null && values.length > 0) ? values[0] : null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return this.parameters;
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(this.parameters.keySet());
	}

	@Override
	public String[] getParameterValues(String name) {
		String[] values = this.parameters.get(name);
		return (values != null) ? values.clone() : null;
	}

	@Override
	public String getQueryString() {
		if (!"GET".equals(getMethod())) {
			return null;
		}
		StringBuilder query = new StringBuilder();
		this.parameters.forEach((name, values) -> {
			for (String value : values) {
				query.append((query.length() > 0) ? "&" : "")
					.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
					.append('=')
					.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		});
		return query.toString();
	}

}
