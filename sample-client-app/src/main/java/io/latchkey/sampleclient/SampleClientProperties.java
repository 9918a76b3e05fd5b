package io.latchkey.sampleclient;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param title the name this instance shows, so two instances can be told apart
 * @param messagesApi base URL of the sample resource server
 */
@ConfigurationProperties("sample")
record SampleClientProperties(String title, String messagesApi) {

	SampleClientProperties {
		title = (title != null) ? title : "Sample App";
		messagesApi = (messagesApi != null) ? messagesApi : "http://localhost:8090";
	}

}
