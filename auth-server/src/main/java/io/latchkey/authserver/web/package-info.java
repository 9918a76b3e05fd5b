/**
 * The security filter chains, in the order they apply (protocol endpoints first, then
 * pages), the headers every response carries, and the error page.
 */
package io.latchkey.authserver.web;
