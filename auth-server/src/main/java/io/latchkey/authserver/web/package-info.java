/**
 * The security filter chains, in the order they apply (protocol endpoints first, then
 * pages), the authorization responses with {@code iss}, the headers every response
 * carries (and the cache headers of the JWKS and discovery), and the error page.
 */
package io.latchkey.authserver.web;
