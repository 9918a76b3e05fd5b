/**
 * Stored authorizations: codes, access, refresh and ID tokens, kept in PostgreSQL by the
 * library's JDBC service on our schema.
 */
package io.latchkey.authserver.authorization;
