/**
 * The consent page and the consents users have given, stored in PostgreSQL.
 */
package io.latchkey.authserver.consent;
