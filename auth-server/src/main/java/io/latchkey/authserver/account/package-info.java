/**
 * User accounts: storage, registration, the signed-in user's home page, and the password
 * encoder that every stored secret goes through.
 */
package io.latchkey.authserver.account;
