package io.latchkey.authserver.client;

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
class SectorIdentifiers {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ClientDocuments documents;

	SectorIdentifiers(ClientDocuments documents) {
		this.documents = documents;
	}

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
		byte[] document = this.documents.fetch(uri, "application/json");
		if (document == null) {
			return null;
		}
		try {
			return json.readTree(document);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
