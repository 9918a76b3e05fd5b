/**
 * Signing in: the sign-in page around Spring Security's form login, lockout (with the
 * counters of {@code throttle}), the second step with an authenticator app or recovery
 * code, passkeys (Spring Security's WebAuthn), what {@code amr}/{@code acr} say about a
 * sign-in, and the device code page.
 */
package io.latchkey.authserver.login;
