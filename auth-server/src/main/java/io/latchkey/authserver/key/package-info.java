/**
 * Signing keys: generated once, stored encrypted at rest in the database, published at
 * the JWKS endpoint and used to sign ID and access tokens.
 */
package io.latchkey.authserver.key;
