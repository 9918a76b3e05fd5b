/**
 * Registered clients: storage behind a cache evicted on every node, clients from
 * configuration, the rules for redirect URIs, PKCE and pushed requests, secrets and their
 * rotation, the developer portal with its try-it page, and the policy for dynamic
 * registration (RFC 7591, and RFC 7592 update and delete).
 */
package io.latchkey.authserver.client;
