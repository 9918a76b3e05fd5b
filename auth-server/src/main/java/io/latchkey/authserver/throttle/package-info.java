/**
 * Throttles against guessing and abuse, counted in the shared database: failed sign-ins
 * and second-factor codes (used by {@code login}), rate-limited requests and mail (used
 * by {@code account}), failed client authentications at the protocol endpoints. Its own
 * package so that sign-in and account pages can both use it without depending on each
 * other.
 */
package io.latchkey.authserver.throttle;
