package io.latchkey.authserver.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request id in every log line of a request ({@code request_id} in the MDC: in the
 * plain pattern, and a field of its own in structured logs) and in the response's
 * {@code X-Request-Id}, so a person's report and the logs meet. A proxy's id is kept when
 * it is a plain token; anything else is replaced, so no header reaches the logs as it
 * came.
 */
@Configuration(proxyBeanMethods = false)
class RequestIds {

	static final String HEADER = "X-Request-Id";

	static final String MDC_KEY = "request_id";

	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> requestIdFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						String given = request.getHeader(HEADER);
						String id = (given != null && PLAIN.matcher(given).matches()) ? given
								: UUID.randomUUID().toString();
						MDC.put(MDC_KEY, id);
						response.setHeader(HEADER, id);
						try {
							chain.doFilter(request, response);
						}
						finally {
							MDC.remove(MDC_KEY);
						}
					}

				});
		// before everything else, so every line of the request carries it
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
