package io.latchkey.authserver.audit;

/** Whether what was attempted happened. */
public enum AuditOutcome {

	SUCCESS, FAILURE

}
