/**
 * Security events about accounts, written once and read by the account and admin pages.
 */
package io.latchkey.authserver.audit;
