package io.latchkey.authserver.login;

import java.util.UUID;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthentication;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.stereotype.Component;

/**
 * Records passkey sign-ins, which Spring Security's WebAuthn filter completes on its own
 * (password sign-ins are recorded by our provider and handler).
 */
@Component
class PasskeySignInAudit {

	private final AuditLog audit;

	private final SignInMeters meters;

	PasskeySignInAudit(AuditLog audit, SignInMeters meters) {
		this.audit = audit;
		this.meters = meters;
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof WebAuthnAuthentication passkey) {
			this.audit.record(AuditEventType.SIGNED_IN, AuditOutcome.SUCCESS, UUID.fromString(passkey.getName()), null,
					"passkey");
			this.meters.succeeded(SignInMeters.PASSKEY);
		}
	}

	@EventListener
	void onFailure(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication() instanceof WebAuthnAuthenticationRequestToken) {
			this.audit.record(AuditEventType.SIGN_IN_FAILED, AuditOutcome.FAILURE, null, null, "passkey");
			this.meters.failed(SignInMeters.PASSKEY);
		}
	}

}
