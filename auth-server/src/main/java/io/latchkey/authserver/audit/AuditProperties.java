package io.latchkey.authserver.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's settings.
 *
 * @param retention how long events are kept before the purge deletes them
 */
@ConfigurationProperties("latchkey.audit")
public record AuditProperties(@DefaultValue("400d") Duration retention) {

}
