package io.latchkey.authserver.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.latchkey.authserver.consent.ConsentController;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.stereotype.Component;

/**
 * The response headers both chains send. Pages load only our own stylesheet and never run
 * inline script. {@code form-action} is left out on purpose: browsers apply it to the
 * redirects after a form post, which would stop the sign-in and consent forms from
 * returning to a client's redirect URI.
 */
@Component
class SecurityHeaders {

	private static final String CSP_HEADER = "Content-Security-Policy";

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";

	void apply(HttpSecurity http) throws Exception {
		http.headers((headers) -> headers.addHeaderWriter(SecurityHeaders::writeContentSecurityPolicy)
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.frameOptions((frame) -> frame.deny())
			.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31536000)));
	}

	/**
	 * Our policy; the consent page also loads the client's logo from the logo's origin.
	 * Headers are written when the answer is committed, after the page said so.
	 */
	private static void writeContentSecurityPolicy(HttpServletRequest request, HttpServletResponse response) {
		if (response.containsHeader(CSP_HEADER)) {
			return;
		}
		Object imageOrigin = request.getAttribute(ConsentController.IMAGE_ORIGIN_ATTRIBUTE);
		response.setHeader(CSP_HEADER,
				(imageOrigin instanceof String origin)
						? CONTENT_SECURITY_POLICY.replace("img-src 'self' data:", "img-src 'self' data: " + origin)
						: CONTENT_SECURITY_POLICY);
	}

}
