package io.latchkey.authserver.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.latchkey.authserver.account.Languages;
import io.latchkey.authserver.account.PersonPreferences;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language of our pages, the first of: the language of the signed-in person's
 * profile, the {@code ui_locales} the application sent with its authorization request
 * (OpenID Connect Core 3.1.2.1; kept in the session, so that the sign-in and consent
 * pages that follow speak it), the browser's {@code Accept-Language}; English when none
 * is one we speak.
 */
@Configuration(proxyBeanMethods = false)
class PageLanguages {

	static final String UI_LOCALE = PageLanguages.class.getName() + ".uiLocale";

	@Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
	LocaleResolver localeResolver(PersonPreferences person) {
		// Spring's Accept-Language matching: in the browser's order, de-AT finds de
		AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();
		browser.setSupportedLocales(Languages.SUPPORTED);
		browser.setDefaultLocale(Languages.DEFAULT);
		return new LocaleResolver() {

			@Override
			public Locale resolveLocale(HttpServletRequest request) {
				Locale chosen = person.locale();
				if (chosen == null) {
					chosen = fromSession(request);
				}
				return (chosen != null) ? chosen : browser.resolveLocale(request);
			}

			@Override
			public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response,
					@Nullable Locale locale) {
				Locale supported = Languages.supported(locale);
				if (supported != null) {
					request.getSession().setAttribute(UI_LOCALE, supported);
				}
			}

		};
	}

	/** Before the security filters, which send the request on to the sign-in page. */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> uiLocales() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						Locale asked = Languages.firstSupported(request.getParameter("ui_locales"));
						if (asked != null) {
							request.getSession().setAttribute(UI_LOCALE, asked);
						}
						chain.doFilter(request, response);
					}

				});
		registration.addUrlPatterns("/oauth2/authorize");
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

	private static @Nullable Locale fromSession(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(UI_LOCALE) instanceof Locale locale) ? locale : null;
	}

}
