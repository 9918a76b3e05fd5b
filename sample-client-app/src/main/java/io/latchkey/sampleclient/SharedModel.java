package io.latchkey.sampleclient;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page shows, error pages included. */
@ControllerAdvice
class SharedModel {

	private final SampleClientProperties properties;

	SharedModel(SampleClientProperties properties) {
		this.properties = properties;
	}

	@ModelAttribute("title")
	String title() {
		return this.properties.title();
	}

}
