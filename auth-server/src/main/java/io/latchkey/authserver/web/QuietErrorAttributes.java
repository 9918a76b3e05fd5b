package io.latchkey.authserver.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.util.ObjectUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring Boot's error attributes, for the error page and its JSON twin alike, without a
 * server error's exception message, class or trace: those named SQL statements and
 * internal classes (the page already hid them; the JSON showed them). A 4xx message stays
 * when it was given for the answer (ours, the library's OAuth errors); one taken from an
 * exception (Spring's "Failed to convert value of type 'java.lang.String'...", "No static
 * resource ...") is replaced by a sentence for the status.
 */
@Component
class QuietErrorAttributes extends DefaultErrorAttributes {

	static final String SERVER_ERROR = "error.message.server";

	private final MessageSource messages;

	QuietErrorAttributes(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		attributes.remove("exception");
		attributes.remove("trace");
		// the status as the container gave it (the attributes hold it only when asked to)
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE, RequestAttributes.SCOPE_REQUEST);
		if (!(status instanceof Integer code) || code >= 500) {
			attributes.put("message", words(SERVER_ERROR));
			attributes.remove("errors");
		}
		else if (attributes.containsKey("message") && ObjectUtils
			.isEmpty(request.getAttribute(RequestDispatcher.ERROR_MESSAGE, RequestAttributes.SCOPE_REQUEST))) {
			attributes.put("message", words(clientError(code)));
		}
		ProtocolErrorWords.Explained explained = (attributes.get("message") instanceof String message)
				? ProtocolErrorWords.explain(message) : null;
		if (explained != null) {
			attributes.put("message", words(explained.words()));
			attributes.put("detail", explained.detail());
		}
		if (request.getAttribute(ExpiredFormHandler.MESSAGE_KEY,
				RequestAttributes.SCOPE_REQUEST) instanceof String key) {
			attributes.put("message", words(key));
		}
		if (request.getAttribute(ExpiredFormHandler.EXPIRED, RequestAttributes.SCOPE_REQUEST) != null) {
			attributes.put("expired", true);
		}
		return attributes;
	}

	private static String clientError(int status) {
		return switch (status) {
			case 400 -> "error.message.bad-request";
			case 404 -> "error.message.not-found";
			case 405 -> "error.message.method";
			default -> "error.message.client";
		};
	}

	/** In the page's language (the JSON twin's too: it is for people as well). */
	private String words(String key) {
		return this.messages.getMessage(key, null, LocaleContextHolder.getLocale());
	}

}
