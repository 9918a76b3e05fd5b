package io.latchkey.authserver.web;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;

import org.junit.jupiter.api.Test;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** A server error's details never reach an answer, in JSON as on the page. */
class QuietErrorAttributesTests {

	@Test
	void serverErrorWhenItsExceptionNamesSqlThenNeitherMessageNorClassAreShown() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
				new IllegalStateException("ERROR: invalid byte sequence; SQL [select * from oauth2_authorization]"));

		Map<String, Object> attributes = attributes().getErrorAttributes(new ServletWebRequest(request),
				ErrorAttributeOptions.of(ErrorAttributeOptions.Include.MESSAGE, ErrorAttributeOptions.Include.EXCEPTION,
						ErrorAttributeOptions.Include.STACK_TRACE));

		assertThat(attributes).containsEntry("message", "The server could not answer this request. Try again later.")
			.doesNotContainKeys("exception", "trace");
		assertThat(attributes.toString()).doesNotContain("SQL", "IllegalStateException");
	}

	@Test
	void clientErrorWhenItHasAMessageThenTheMessageStays() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 400);
		request.setAttribute(RequestDispatcher.ERROR_MESSAGE, "The parameter client_id holds a NUL character.");

		Map<String, Object> attributes = attributes().getErrorAttributes(new ServletWebRequest(request),
				ErrorAttributeOptions.of(ErrorAttributeOptions.Include.MESSAGE));

		assertThat(attributes).containsEntry("message", "The parameter client_id holds a NUL character.");
	}

	@Test
	void clientErrorWhenItIsAnOAuthErrorThenWordsForThePersonAndTheCodeAsDetail() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 400);
		request.setAttribute(RequestDispatcher.ERROR_MESSAGE, "[invalid_scope] OAuth 2.0 Parameter: scope");

		Map<String, Object> attributes = attributes().getErrorAttributes(new ServletWebRequest(request),
				ErrorAttributeOptions.of(ErrorAttributeOptions.Include.MESSAGE));

		assertThat(attributes)
			.containsEntry("message",
					"The application asked for access that it is not allowed to ask for. Go back and try again; "
							+ "if it keeps happening, tell the application's owner.")
			.containsEntry("detail", "invalid_scope: OAuth 2.0 Parameter: scope");
	}

	@Test
	void clientErrorWhenItsMessageIsOnlyThatOfAnExceptionThenASentenceInstead() {
		// what Spring MVC leaves for a query parameter of the wrong type: no message of
		// its
		// own, the exception's naming java.lang.String
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/users");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 400);
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalArgumentException(
				"Failed to convert value of type 'java.lang.String' to required type 'int'; For input string: \"x\""));

		Map<String, Object> attributes = attributes().getErrorAttributes(new ServletWebRequest(request),
				ErrorAttributeOptions.of(ErrorAttributeOptions.Include.MESSAGE));

		assertThat(attributes.get("message")).asString()
			.startsWith("This request cannot be answered")
			.doesNotContain("java.lang");
	}

	@Test
	void clientErrorWhenThePageSpeaksGermanThenTheWordsAreGerman() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 400);
		request.setAttribute(RequestDispatcher.ERROR_MESSAGE, "[access_denied] The end-user denied the request");
		LocaleContextHolder.setLocale(Locale.GERMAN);
		try {
			Map<String, Object> attributes = attributes().getErrorAttributes(new ServletWebRequest(request),
					ErrorAttributeOptions.of(ErrorAttributeOptions.Include.MESSAGE));

			assertThat(attributes.get("message")).asString().startsWith("Die Anfrage wurde abgelehnt");
		}
		finally {
			LocaleContextHolder.resetLocaleContext();
		}
	}

	private static QuietErrorAttributes attributes() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return new QuietErrorAttributes(messages);
	}

}
