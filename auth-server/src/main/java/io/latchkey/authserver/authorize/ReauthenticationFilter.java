package io.latchkey.authserver.authorize;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Asks a signed-in person to sign in again when a client says so (OpenID Connect Core
 * 3.1.2.1): {@code prompt=login}, or {@code max_age} shorter than the time since they
 * last proved who they are. The library answers such requests from the existing session;
 * this ends the session's sign-in first and sends the person to the sign-in page, from
 * where the request continues (without {@code prompt=login}, so it does not ask twice).
 * With {@code prompt=none} nobody may be asked, and the request goes on unchanged.
 */
class ReauthenticationFilter extends OncePerRequestFilter {

	private final RequestMatcher authorizationEndpoint;

	private final String loginPage;

	private final Clock clock;

	private final RequestCache requestCache = new HttpSessionRequestCache();

	public ReauthenticationFilter(String authorizationEndpoint, String loginPage, Clock clock) {
		this.authorizationEndpoint = PathPatternRequestMatcher.withDefaults()
			.matcher(HttpMethod.GET, authorizationEndpoint);
		this.loginPage = loginPage;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.authorizationEndpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken
				|| prompts(request).contains("none") || !mustSignInAgain(request, user)) {
			chain.doFilter(request, response);
			return;
		}
		new SecurityContextLogoutHandler().logout(request, response, user);
		// the request continues after signing in, without asking for another sign-in
		String continuation = UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
			.query(request.getQueryString())
			.replaceQueryParam("prompt")
			.build(true)
			.toUriString();
		this.requestCache.saveRequest(new ContinuationRequest(request, continuation), response);
		response.sendRedirect(request.getContextPath() + this.loginPage);
	}

	private boolean mustSignInAgain(HttpServletRequest request, Authentication user) {
		if (prompts(request).contains("login")) {
			return true;
		}
		String maxAge = request.getParameter("max_age");
		if (maxAge == null || !maxAge.matches("\\d{1,9}")) {
			return false;
		}
		return authenticatedAt(user)
			.map((at) -> at.plus(Duration.ofSeconds(Long.parseLong(maxAge))).isBefore(this.clock.instant()))
			.orElse(true);
	}

	/** When the person last proved who they are: the latest factor they gave. */
	static Optional<Instant> authenticatedAt(Authentication user) {
		return user.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.map((authority) -> ((FactorGrantedAuthority) authority).getIssuedAt())
			.max(Instant::compareTo);
	}

	private static List<String> prompts(HttpServletRequest request) {
		String prompt = request.getParameter("prompt");
		return (prompt != null) ? Arrays.asList(prompt.split(" ")) : List.of();
	}

	/** The authorization request as it should be replayed after signing in. */
	private static final class ContinuationRequest extends HttpServletRequestWrapper {

		private final String url;

		ContinuationRequest(HttpServletRequest request, String url) {
			super(request);
			this.url = url;
		}

		@Override
		public StringBuffer getRequestURL() {
			return new StringBuffer(this.url.contains("?") ? this.url.substring(0, this.url.indexOf('?')) : this.url);
		}

		@Override
		public String getQueryString() {
			return this.url.contains("?") ? this.url.substring(this.url.indexOf('?') + 1) : null;
		}

		/** The saved request's parameters too, which replace the replayed request's. */
		@Override
		public Map<String, String[]> getParameterMap() {
			Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
			parameters.remove("prompt");
			return parameters;
		}

	}

}
