package io.latchkey.authserver.authorization;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which stored authorizations the purge deletes (it runs with every other purge, at
 * {@code latchkey.purge-cron}).
 *
 * @param retention how long after its last token expired an authorization is kept
 * @param pendingLifetime how long an authorization without any token (waiting for
 * consent) is kept
 * @param batchSize rows deleted per statement, so no purge holds locks for long
 */
@ConfigurationProperties("latchkey.authorizations.purge")
record AuthorizationPurgeProperties(@DefaultValue("1h") Duration retention,
		@DefaultValue("1h") Duration pendingLifetime, @DefaultValue("5000") int batchSize) {

}
