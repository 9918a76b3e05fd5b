/**
 * What goes into tokens (standard claims, roles and groups, audience, the RFC 9068
 * access-token profile), how our own endpoints read access tokens, one-time use of codes
 * and refresh tokens under concurrency, and refresh-token reuse detection.
 */
package io.latchkey.authserver.token;
