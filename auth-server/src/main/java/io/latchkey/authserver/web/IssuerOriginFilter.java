package io.latchkey.authserver.web;

import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Once the issuer is configured, every URL the server builds from a request (the redirect
 * to the sign-in page, the library's redirects to the consent page, absolute links) has
 * the issuer's origin, whatever Host header the request brought: a forged Host must not
 * turn our redirects into redirects to another site. Requests are seen as arriving at the
 * issuer's scheme, host and port.
 */
class IssuerOriginFilter extends OncePerRequestFilter {

	private final String scheme;

	private final String host;

	private final int port;

	IssuerOriginFilter(String issuer) {
		URI origin = URI.create(issuer);
		this.scheme = origin.getScheme();
		this.host = origin.getHost();
		this.port = (origin.getPort() != -1) ? origin.getPort() : ("https".equalsIgnoreCase(this.scheme) ? 443 : 80);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		AtIssuerOrigin atIssuer = new AtIssuerOrigin(request);
		chain.doFilter(atIssuer, new RedirectingToIssuer(atIssuer, response));
	}

	private String origin() {
		boolean defaultPort = (this.port == 443 && "https".equalsIgnoreCase(this.scheme))
				|| (this.port == 80 && "http".equalsIgnoreCase(this.scheme));
		return this.scheme + "://" + this.host + (defaultPort ? "" : ":" + this.port);
	}

	private final class AtIssuerOrigin extends HttpServletRequestWrapper {

		AtIssuerOrigin(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getScheme() {
			return IssuerOriginFilter.this.scheme;
		}

		@Override
		public String getServerName() {
			return IssuerOriginFilter.this.host;
		}

		@Override
		public int getServerPort() {
			return IssuerOriginFilter.this.port;
		}

		@Override
		public boolean isSecure() {
			return "https".equalsIgnoreCase(IssuerOriginFilter.this.scheme);
		}

		@Override
		public StringBuffer getRequestURL() {
			return new StringBuffer(origin()).append(getRequestURI());
		}

	}

	/**
	 * The servlet container makes a relative redirect absolute with the request's own
	 * Host header; here it is made absolute at the issuer's origin first.
	 */
	private final class RedirectingToIssuer extends HttpServletResponseWrapper {

		private static final Pattern ABSOLUTE = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

		private final HttpServletRequest request;

		RedirectingToIssuer(HttpServletRequest request, HttpServletResponse response) {
			super(response);
			this.request = request;
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			super.sendRedirect(atIssuer(location));
		}

		@Override
		public void sendRedirect(String location, int sc) throws IOException {
			super.sendRedirect(atIssuer(location), sc);
		}

		@Override
		public void sendRedirect(String location, boolean clearBuffer) throws IOException {
			super.sendRedirect(atIssuer(location), clearBuffer);
		}

		@Override
		public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
			super.sendRedirect(atIssuer(location), sc, clearBuffer);
		}

		private String atIssuer(String location) {
			if (location == null || ABSOLUTE.matcher(location).matches() || location.startsWith("//")) {
				return location;
			}
			return URI.create(origin() + this.request.getRequestURI()).resolve(location).toString();
		}

	}

}
