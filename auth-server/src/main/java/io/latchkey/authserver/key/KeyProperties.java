package io.latchkey.authserver.key;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings for signing keys.
 *
 * @param encryptionKey base64 of 32 random bytes that encrypts the private keys stored in
 * the database; empty means the development key, which is logged as a warning
 * @param rotationPeriod how long a key signs before its successor takes over
 * @param leadTime how long a new key is published before it signs: longer than clients
 * cache the JWKS (5 minutes) and than nodes take to reload keys
 * @param retiredKeyRetention how long a key stays published after it stopped signing:
 * longer than the longest-lived token it may have signed (access tokens live at most an
 * hour)
 * @param reloadInterval how often each node reads the keys again
 */
@ConfigurationProperties("latchkey.keys")
record KeyProperties(String encryptionKey, @DefaultValue("30d") Duration rotationPeriod,
		@DefaultValue("1h") Duration leadTime, @DefaultValue("2h") Duration retiredKeyRetention,
		@DefaultValue("1m") Duration reloadInterval, @DefaultValue("0 7 * * * *") String rotationCron) {

	KeyProperties {
		if (leadTime.compareTo(reloadInterval.plusMinutes(5)) < 0) {
			throw new IllegalStateException("latchkey.keys.lead-time must exceed the JWKS cache time (5 minutes) plus "
					+ "latchkey.keys.reload-interval, or clients meet keys they have not seen");
		}
	}

}
