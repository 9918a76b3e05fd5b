/**
 * Registered clients: their storage, the clients created from configuration at start, and
 * the rules an authorization request's redirect URI and PKCE parameters must follow.
 */
package io.latchkey.authserver.client;
