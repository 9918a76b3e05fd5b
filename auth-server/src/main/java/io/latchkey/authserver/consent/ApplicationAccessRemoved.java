package io.latchkey.authserver.consent;

/**
 * Published, in the transaction that made it so, when a person withdrew an application's
 * access on their list of connected applications: its consent is gone, and whoever keeps
 * the application's tokens for the person ends those too. An event, so that
 * {@code consent} needs no package that issues tokens.
 *
 * @param principalName the person (their account id)
 * @param registeredClientId the application's registration id
 */
public record ApplicationAccessRemoved(String principalName, String registeredClientId) {

}
