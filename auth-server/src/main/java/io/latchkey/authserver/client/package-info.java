/**
 * Registered clients: storage behind a cache evicted on every node, clients from
 * configuration, our typed client settings, the rules for client metadata, secrets and
 * their rotation, the server-wide token settings that bound every client's, the developer
 * portal with its try-it page, and the policy for dynamic registration (RFC 7591, and RFC
 * 7592 update and delete).
 */
package io.latchkey.authserver.client;
