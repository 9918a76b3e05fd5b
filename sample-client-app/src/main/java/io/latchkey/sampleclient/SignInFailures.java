package io.latchkey.sampleclient;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Where a sign-in that did not finish lands: our own page, which says in words what
 * happened and offers to try again. The error code comes from Latchkey's redirect (OpenID
 * Connect Core 3.1.2.6: {@code access_denied} when the person declined) or from Spring
 * Security's own checks of the response; only the code travels, never its description, so
 * nothing the other side wrote is shown.
 */
final class SignInFailures implements AuthenticationFailureHandler {

	static final String PAGE = "/sign-in-failed";

	/**
	 * The codes passed on to the page: the registered ones are lower case with
	 * underscores. RFC 6749 (4.1.2.1) allows more characters; such a code shows as
	 * "other".
	 */
	private static final Pattern CODE = Pattern.compile("[a-z_]{1,64}");

	/** A heading and advice for each code a person can meet; anything else is "other". */
	private static final Map<String, Reason> REASONS = Map.ofEntries(
			Map.entry("access_denied",
					new Reason("You chose not to sign in",
							"Nothing was shared with this app. If you did not mean to decline, you can try again.")),
			Map.entry("login_required", Reason.SIGN_IN_AGAIN), Map.entry("interaction_required", Reason.SIGN_IN_AGAIN),
			Map.entry("consent_required", Reason.SIGN_IN_AGAIN),
			Map.entry("account_selection_required", Reason.SIGN_IN_AGAIN),
			Map.entry("temporarily_unavailable", Reason.UNAVAILABLE), Map.entry("server_error", Reason.UNAVAILABLE),
			Map.entry("authorization_request_not_found", Reason.START_AGAIN),
			Map.entry("invalid_state_parameter", Reason.START_AGAIN),
			Map.entry("invalid_request", Reason.MISCONFIGURED), Map.entry("invalid_scope", Reason.MISCONFIGURED),
			Map.entry("unauthorized_client", Reason.MISCONFIGURED),
			Map.entry("unsupported_response_type", Reason.MISCONFIGURED),
			Map.entry("invalid_client", Reason.MISCONFIGURED), Map.entry("invalid_grant", Reason.START_AGAIN),
			Map.entry("invalid_token_response", Reason.UNAVAILABLE),
			Map.entry("invalid_id_token", Reason.MISCONFIGURED), Map.entry("invalid_nonce", Reason.START_AGAIN));

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String code = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getErrorCode()
				: "server_error";
		String shown = (code != null && CODE.matcher(code).matches()) ? code : "other";
		response.sendRedirect(request.getContextPath() + PAGE + "?error=" + shown);
	}

	/** What the page says for a code. */
	static Reason reasonFor(String code) {
		return REASONS.getOrDefault(code, Reason.OTHER);
	}

	record Reason(String heading, String advice) {

		static final Reason SIGN_IN_AGAIN = new Reason("Latchkey needs you to sign in again",
				"Your session there has ended or needs your confirmation. Sign in again to continue.");

		static final Reason UNAVAILABLE = new Reason("Signing in is not possible just now",
				"Latchkey could not finish the sign-in. Wait a moment and try again.");

		static final Reason START_AGAIN = new Reason("This sign-in has expired",
				"It took too long, or was started in another tab. Start again from here.");

		static final Reason MISCONFIGURED = new Reason("This app cannot sign you in",
				"Latchkey refused this app's request, so the app is not set up as Latchkey expects. "
						+ "Trying again will not help; tell the app's administrator the code below.");

		static final Reason OTHER = new Reason("Signing in did not work",
				"Something went wrong between this app and Latchkey. You can try again.");

	}

}
