package io.latchkey.authserver.key;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings for signing keys.
 *
 * @param encryptionKey base64 of 32 random bytes that encrypts the private keys stored in
 * the database; empty means the development key, which is logged as a warning
 */
@ConfigurationProperties("latchkey.keys")
record KeyProperties(String encryptionKey) {
}
