package io.latchkey.authserver.login;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The WebAuthn relying party. Unset, both come from the issuer (its host, its origin), so
 * a deployment that sets {@code LATCHKEY_ISSUER} needs nothing else.
 *
 * @param rpId the relying party id: the host name passkeys are bound to
 * @param allowedOrigins the origins the browser may report in a WebAuthn response
 */
@ConfigurationProperties("latchkey.passkeys")
public record PasskeyProperties(String rpId, Set<String> allowedOrigins) {

}
