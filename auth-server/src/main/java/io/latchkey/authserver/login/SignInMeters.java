package io.latchkey.authserver.login;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Sign-ins for Prometheus: {@code latchkey.sign_ins} by outcome and method (password,
 * authenticator_app, recovery_code, passkey), and those refused outright
 * ({@code latchkey.sign_ins.throttled}) or that paused the account
 * ({@code latchkey.sign_ins.locked}). The audit trail keeps the details; these only
 * count, with tags of a handful of values each.
 */
@Component
class SignInMeters {

	static final String PASSWORD = "password";

	static final String AUTHENTICATOR_APP = "authenticator_app";

	static final String RECOVERY_CODE = "recovery_code";

	static final String PASSKEY = "passkey";

	private final MeterRegistry registry;

	private final Counter throttled;

	private final Counter locked;

	SignInMeters(MeterRegistry registry) {
		this.registry = registry;
		this.throttled = Counter.builder("latchkey.sign_ins.throttled")
			.description("Sign-in attempts refused before the password was checked")
			.register(registry);
		this.locked = Counter.builder("latchkey.sign_ins.locked")
			.description("Accounts whose sign-in was paused after failed attempts")
			.register(registry);
	}

	void succeeded(String method) {
		signIn("success", method);
	}

	void failed(String method) {
		signIn("failure", method);
	}

	void throttled() {
		this.throttled.increment();
	}

	void locked() {
		this.locked.increment();
	}

	private void signIn(String outcome, String method) {
		Counter.builder("latchkey.sign_ins")
			.description("Sign-ins by outcome and method")
			.tag("outcome", outcome)
			.tag("method", method)
			.register(this.registry)
			.increment();
	}

}
