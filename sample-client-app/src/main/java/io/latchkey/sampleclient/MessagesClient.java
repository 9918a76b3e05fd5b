package io.latchkey.sampleclient;

import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Calls the sample API with the signed-in user's access token. */
@Component
class MessagesClient {

	private final RestClient restClient;

	MessagesClient(RestClient.Builder builder, SampleClientProperties properties) {
		this.restClient = builder.baseUrl(properties.messagesApi()).build();
	}

	List<Map<String, Object>> listMessages(OAuth2AuthorizedClient client) throws RestClientException {
		return this.restClient.get()
			.uri("/api/messages")
			.headers((headers) -> headers.setBearerAuth(client.getAccessToken().getTokenValue()))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
	}

	void postMessage(OAuth2AuthorizedClient client, String text) throws RestClientException {
		this.restClient.post()
			.uri("/api/messages")
			.headers((headers) -> headers.setBearerAuth(client.getAccessToken().getTokenValue()))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("text", text))
			.retrieve()
			.toBodilessEntity();
	}

}
