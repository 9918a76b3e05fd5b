package io.latchkey.authserver.web;

import java.security.Principal;
import java.time.Clock;
import java.util.Date;
import java.util.List;

import jakarta.servlet.http.HttpSession;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The people's sessions as Spring Session stores them, read from its table, so every node
 * sees the same ones. The library registers a session at the authorization endpoint and
 * puts its {@code sid} into ID tokens at the token endpoint, which may run on another
 * node (its default registry lives in one node's memory). Unlike Spring Session's own
 * registry, which loads and deserializes every attribute of every session of the person
 * for each question, this reads the two columns the answers need, one indexed query each;
 * the session of the request being served is answered from the request (the library asks
 * for it at every authorization). Spring Session creates, touches and deletes the rows;
 * registering here has nothing to do.
 */
class StoredSessionRegistry implements SessionRegistry {

	private final JdbcClient jdbc;

	private final Clock clock;

	StoredSessionRegistry(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public List<Object> getAllPrincipals() {
		throw new UnsupportedOperationException("Listing every signed-in person is not offered");
	}

	@Override
	public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
		String name = nameOf(principal);
		return this.jdbc
			.sql("select session_id, last_access_time from spring_session where principal_name = ?"
					+ (includeExpiredSessions ? "" : " and expiry_time > ?") + " order by last_access_time")
			.params(includeExpiredSessions ? List.of(name) : List.of(name, this.clock.millis()))
			.query((row, number) -> new SessionInformation(principal, row.getString(1), new Date(row.getLong(2))))
			.list();
	}

	@Override
	public SessionInformation getSessionInformation(String sessionId) {
		HttpSession current = (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)
				? request.getRequest().getSession(false) : null;
		if (current != null && current.getId().equals(sessionId) && current.getAttribute(
				HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context
				&& context.getAuthentication() != null) {
			return new SessionInformation(context.getAuthentication().getName(), sessionId,
					new Date(current.getLastAccessedTime()));
		}
		return this.jdbc.sql("select principal_name, last_access_time from spring_session where session_id = ?")
			.param(sessionId)
			.query((row, number) -> (row.getString(1) != null)
					? new SessionInformation(row.getString(1), sessionId, new Date(row.getLong(2))) : null)
			.optional()
			.orElse(null);
	}

	@Override
	public void refreshLastRequest(String sessionId) {
		// Spring Session records each access itself
	}

	@Override
	public void registerNewSession(String sessionId, Object principal) {
		// the session row exists already; Spring Session writes its principal name
	}

	@Override
	public void removeSessionInformation(String sessionId) {
		// Spring Session deletes the row when the session ends
	}

	private static String nameOf(Object principal) {
		if (principal instanceof UserDetails user) {
			return user.getUsername();
		}
		if (principal instanceof AuthenticatedPrincipal authenticated) {
			return authenticated.getName();
		}
		if (principal instanceof Principal named) {
			return named.getName();
		}
		return String.valueOf(principal);
	}

}
