package io.latchkey.authserver.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Sector identifier validation (OpenID Connect Dynamic Client Registration 5): a pairwise
 * client with a sector identifier URI must list there, as a JSON array, every redirect
 * URI it registers, which proves the hosts of that sector belong together. Checked
 * whenever such a client is registered or changed.
 */
@Component
public class SectorIdentifiers {

	private static final int LARGEST_DOCUMENT = 64 * 1024;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(3))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	/** What is wrong with the definition's sector identifier URI, if anything. */
	public List<ClientRules.Problem> check(ClientDefinition client) {
		ClientOptions options = client.options();
		if (!options.pairwiseSubjects() || options.sectorIdentifierUri() == null) {
			return List.of();
		}
		JsonNode listed = fetch(options.sectorIdentifierUri());
		if (listed == null || !listed.isArray()) {
			return List.of(new ClientRules.Problem("sectorIdentifierUri", "client.sector.unreachable"));
		}
		return client.redirectUris()
			.stream()
			.filter((uri) -> listed.valueStream()
				.noneMatch((entry) -> entry.isString() && uri.equals(entry.asString())))
			.findFirst()
			.map((uri) -> List.of(new ClientRules.Problem("sectorIdentifierUri", "client.sector.mismatch", uri)))
			.orElse(List.of());
	}

	private JsonNode fetch(String uri) {
		try {
			HttpResponse<InputStream> response = this.http.send(HttpRequest.newBuilder(URI.create(uri))
				.timeout(Duration.ofSeconds(5))
				.header("Accept", "application/json")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				byte[] bytes = body.readNBytes(LARGEST_DOCUMENT + 1);
				if (response.statusCode() != 200 || bytes.length > LARGEST_DOCUMENT) {
					return null;
				}
				return json.readTree(bytes);
			}
		}
		catch (IOException | IllegalArgumentException | JacksonException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
