package io.latchkey.authserver.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches a small document at an address a client registered (a request object, a sector
 * identifier list): no redirects, short timeouts, at most 64 KiB.
 */
public final class ClientDocuments {

	private static final int LARGEST_DOCUMENT = 64 * 1024;

	private static final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(3))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private ClientDocuments() {
	}

	/**
	 * The document's bytes, or null when it could not be fetched, was not a 200 or too
	 * large.
	 */
	public static byte[] fetch(String uri, String accept) {
		try {
			HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(uri))
				.timeout(Duration.ofSeconds(5))
				.header("Accept", accept)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				byte[] bytes = body.readNBytes(LARGEST_DOCUMENT + 1);
				return (response.statusCode() == 200 && bytes.length <= LARGEST_DOCUMENT) ? bytes : null;
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
