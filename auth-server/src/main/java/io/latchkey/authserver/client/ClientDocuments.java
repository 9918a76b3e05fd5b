package io.latchkey.authserver.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Fetches a small document at an address a client registered (a request object, a sector
 * identifier list): through Boot's RestClient with the configured timeouts and without
 * following redirects ({@code spring.http.clients}), at most 64 KiB.
 */
@Component
public class ClientDocuments {

	private static final int LARGEST_DOCUMENT = 64 * 1024;

	private final RestClient http;

	ClientDocuments(RestClient.Builder http) {
		this.http = http.build();
	}

	/**
	 * The document's bytes, or null when it could not be fetched, was not a 200 or too
	 * large.
	 */
	public byte @Nullable [] fetch(String uri, String accept) {
		try {
			return this.http.get()
				.uri(URI.create(uri))
				.header(HttpHeaders.ACCEPT, accept)
				.exchange((request, response) -> (response.getStatusCode().value() == 200) ? read(response.getBody())
						: null, true);
		}
		catch (RestClientException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static byte @Nullable [] read(InputStream body) throws IOException {
		try (body) {
			byte[] bytes = body.readNBytes(LARGEST_DOCUMENT + 1);
			return (bytes.length <= LARGEST_DOCUMENT) ? bytes : null;
		}
	}

}
