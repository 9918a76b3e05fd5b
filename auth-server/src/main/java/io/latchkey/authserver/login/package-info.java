/**
 * Signing in: the sign-in page around Spring Security's form login, throttling and
 * lockout, the second step with an authenticator app or recovery code, passkeys (Spring
 * Security's WebAuthn), what {@code amr}/{@code acr} say about a sign-in, asking again
 * for {@code prompt=login} and {@code max_age}, and the device code page.
 */
package io.latchkey.authserver.login;
