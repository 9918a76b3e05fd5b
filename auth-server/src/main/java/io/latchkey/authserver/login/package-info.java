/**
 * The sign-in page. Form login itself is Spring Security's.
 */
package io.latchkey.authserver.login;
