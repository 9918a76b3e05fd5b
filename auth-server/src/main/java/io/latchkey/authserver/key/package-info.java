/**
 * Signing keys (RS256, and ES256 for ID tokens on request): stored encrypted at rest,
 * rotated on a schedule with a lead time and a retention, published at the JWKS endpoint,
 * and encrypting other secrets at rest too.
 */
package io.latchkey.authserver.key;
