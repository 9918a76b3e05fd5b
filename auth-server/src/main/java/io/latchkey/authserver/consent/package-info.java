/**
 * The consent page, the decisions made on it (Deny, CSRF on every decision), and the
 * consents users have given, stored in PostgreSQL.
 */
package io.latchkey.authserver.consent;
