package io.latchkey.authserver.account;

import io.latchkey.authserver.throttle.AttemptThrottle;
import io.latchkey.authserver.throttle.ThrottleProperties;

import org.springframework.stereotype.Component;

/**
 * Rate limits on the account pages that anyone can post to: registrations and requests
 * for mail per client address, and mail per recipient, so that nobody can flood a mailbox
 * or mass-register.
 */
@Component
class RequestLimits {

	private final AttemptThrottle throttle;

	private final ThrottleProperties rules;

	RequestLimits(AttemptThrottle throttle, ThrottleProperties rules) {
		this.throttle = throttle;
		this.rules = rules;
	}

	/** Counts a request of the kind from the address; false when it must wait. */
	boolean allowRequest(String kind, String clientAddress) {
		return this.throttle.tryAcquire(kind + ":address:" + clientAddress, this.rules.requestsPerAddress());
	}

	/** Counts a message to the recipient; false when they had enough for now. */
	boolean allowMailTo(String email) {
		return this.throttle.tryAcquire("mail:" + UserAccount.normalize(email), this.rules.mailPerAddress());
	}

}
