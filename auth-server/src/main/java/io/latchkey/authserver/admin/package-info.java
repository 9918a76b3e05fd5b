/**
 * The admin console, for people with the admin role: accounts (lock, roles, forced reset,
 * deletion), all clients, and the audit trail. The first administrator comes from
 * configuration.
 */
package io.latchkey.authserver.admin;
