/**
 * User accounts: storage, registration, e-mail verification, password reset and policy,
 * the profile pages (details, address, password, deletion), roles and groups, what
 * administrators do to accounts, and the password encoder.
 */
package io.latchkey.authserver.account;
