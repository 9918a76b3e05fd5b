package io.latchkey.authserver.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser without a browser: real HTTP with a cookie jar, redirects followed only when
 * asked, and HTML forms read with jsoup so their CSRF tokens are sent back.
 */
public class HttpUserAgent {

	private final String baseUrl;

	private final HttpClient client;

	private final Map<String, String> headers;

	public HttpUserAgent(String baseUrl) {
		this(baseUrl, Map.of());
	}

	/**
	 * A browser that sends these headers with every request (its User-Agent, its
	 * Accept-Language).
	 */
	public HttpUserAgent(String baseUrl, Map<String, String> headers) {
		this.baseUrl = baseUrl;
		this.headers = Map.copyOf(headers);
		CookieManager cookies = new CookieManager();
		cookies.setCookiePolicy(CookiePolicy.ACCEPT_ALL);
		this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public Response get(String pathOrUrl) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET());
	}

	public Response postForm(String pathOrUrl, Map<String, String> fields) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl))
			.header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formEncode(fields))));
	}

	/**
	 * Fills the form found by the CSS selector on the page at the path and submits it
	 * with its hidden fields (the CSRF token among them) plus the given fields.
	 */
	public Response submitForm(String pagePath, String formSelector, Map<String, String> fields) {
		Response page = get(pagePath);
		return submitForm(page, formSelector, fields);
	}

	public Response submitForm(Response page, String formSelector, Map<String, String> fields) {
		Document document = page.document();
		Element form = document.selectFirst(formSelector);
		if (form == null) {
			throw new IllegalStateException("No form " + formSelector + " on " + page.uri() + ":\n" + page.body());
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (Element hidden : form.select("input[type=hidden]")) {
			values.put(hidden.attr("name"), hidden.attr("value"));
		}
		values.putAll(fields);
		String action = form.absUrl("action");
		return postForm(action.isEmpty() ? page.uri().toString() : action, values);
	}

	/**
	 * Submits the form as a browser does: every hidden field and every checked box, each
	 * under its own name even when names repeat (as the scopes of a consent form do).
	 */
	public Response submitFormAsBrowser(Response page, String formSelector) {
		Element form = page.document().selectFirst(formSelector);
		if (form == null) {
			throw new IllegalStateException("No form " + formSelector + " on " + page.uri() + ":\n" + page.body());
		}
		String body = form.select("input[type=hidden], input[type=checkbox][checked]")
			.stream()
			.map((input) -> URLEncoder.encode(input.attr("name"), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(input.attr("value"), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		String action = form.absUrl("action");
		return send(HttpRequest.newBuilder(uri(action.isEmpty() ? page.uri().toString() : action))
			.header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Follows redirects (to any host) until a response that is not one, at most ten. */
	public Response follow(Response response) {
		Response current = response;
		for (int i = 0; i < 10 && current.isRedirect(); i++) {
			current = get(current.uri().resolve(current.location()).toString());
		}
		return current;
	}

	public Response send(HttpRequest.Builder request) {
		try {
			this.headers.forEach(request::setHeader);
			HttpRequest built = request.build();
			HttpResponse<String> response = this.client.send(built, HttpResponse.BodyHandlers.ofString());
			return new Response(built.uri(), response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.baseUrl + pathOrUrl);
	}

	public static String formEncode(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	public record Response(URI uri, int status, Map<String, java.util.List<String>> headers, String body) {

		public boolean isRedirect() {
			return this.status >= 300 && this.status < 400 && location() != null;
		}

		public String location() {
			return header("Location");
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		public Document document() {
			return Jsoup.parse(this.body, this.uri.toString());
		}

	}

}
