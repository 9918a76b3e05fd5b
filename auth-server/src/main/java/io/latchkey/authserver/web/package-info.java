/**
 * The security filter chains, in the order they apply (protocol endpoints first, then
 * pages), the session store, the issuer's origin for every redirect, the headers every
 * response carries (and the cache headers of the JWKS and discovery), and the error page.
 */
package io.latchkey.authserver.web;
