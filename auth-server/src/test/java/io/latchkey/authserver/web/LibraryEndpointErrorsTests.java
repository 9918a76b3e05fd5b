package io.latchkey.authserver.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

/** What the library's catch-alls would tell a client about our internals stays here. */
class LibraryEndpointErrorsTests {

	@Test
	void registrationWhenTheLibraryTurnedAnExceptionIntoInvalidRequestThenItsMessageIsNotSent() throws Exception {
		// what OidcClientRegistrationEndpointFilter makes of any exception
		OAuth2AuthenticationException caught = new OAuth2AuthenticationException(new OAuth2Error("invalid_request",
				"OpenID Connect 1.0 Client Registration Error: PreparedStatementCallback; SQL [select pg_notify(?, ?)]",
				null));
		MockHttpServletResponse response = new MockHttpServletResponse();

		LibraryEndpointErrors.registration().onAuthenticationFailure(new MockHttpServletRequest(), response, caught);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("\"invalid_request\"")
			.contains("The request could not be processed.")
			.doesNotContain("SQL", "PreparedStatement");
	}

	@Test
	void userInfoWhenTheTokenIsRefusedThenTheChallengeNamesTheError() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		LibraryEndpointErrors.userInfo()
			.onAuthenticationFailure(new MockHttpServletRequest(), response,
					new OAuth2AuthenticationException("invalid_token"));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
	}

}
