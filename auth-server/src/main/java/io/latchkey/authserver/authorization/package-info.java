/**
 * Stored authorizations: codes, access, refresh and ID tokens, kept in PostgreSQL by the
 * library's JDBC service on our schema, and the scheduled purge of expired ones.
 */
package io.latchkey.authserver.authorization;
