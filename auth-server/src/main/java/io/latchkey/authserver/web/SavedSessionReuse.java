package io.latchkey.authserver.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The session store without one read per request. Spring Session commits a session when
 * the response commits (a redirect, a page flushed) and again when its filter ends; the
 * second time it looks the session up again by the cookie's id, one more database round
 * trip for nearly every request. Here a session that this request saved is found as it
 * was saved. "This request" is bounded by {@link #requestBoundary()}, which runs outside
 * the session filter; a later request always reads the store. The store keeps its type (a
 * class proxy), so Spring Boot's session configuration sees the store it made.
 */
final class SavedSessionReuse implements BeanPostProcessor, MethodInterceptor {

	/** The session this thread's current request saved last. */
	private final ThreadLocal<Session> saved = new ThreadLocal<>();

	/** Whether this thread is inside {@link #requestBoundary()}. */
	private final ThreadLocal<Boolean> inRequest = new ThreadLocal<>();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof JdbcIndexedSessionRepository)) {
			return bean;
		}
		ProxyFactory proxy = new ProxyFactory(bean);
		proxy.setProxyTargetClass(true);
		proxy.addAdvice(this);
		return proxy.getProxy(bean.getClass().getClassLoader());
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object[] arguments = invocation.getArguments();
		switch (invocation.getMethod().getName()) {
			case "findById" -> {
				Session session = this.saved.get();
				if (session != null && arguments.length == 1 && session.getId().equals(arguments[0])) {
					return session;
				}
			}
			case "save" -> {
				Object result = invocation.proceed();
				if (Boolean.TRUE.equals(this.inRequest.get()) && arguments.length == 1
						&& arguments[0] instanceof Session session) {
					this.saved.set(session);
				}
				return result;
			}
			case "deleteById" -> this.saved.remove();
			default -> {
				// the rest as the store does it
			}
		}
		return invocation.proceed();
	}

	/** Marks where a request begins and ends, outside the session filter. */
	OncePerRequestFilter requestBoundary() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				SavedSessionReuse.this.inRequest.set(Boolean.TRUE);
				try {
					chain.doFilter(request, response);
				}
				finally {
					SavedSessionReuse.this.saved.remove();
					SavedSessionReuse.this.inRequest.remove();
				}
			}
		};
	}

}
