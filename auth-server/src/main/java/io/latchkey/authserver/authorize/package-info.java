/**
 * The authorization request, from its arrival at the authorization or PAR endpoint until
 * the person is sent to sign in or the client gets its answer: request objects, the
 * response type, the claims parameter, exact redirect URIs, PKCE, pushed requests,
 * {@code prompt}, {@code max_age}, multi-factor and consent rules, resource indicators,
 * and the answers and errors.
 * {@link io.latchkey.authserver.authorize.AuthorizationRequestPipeline} lists every step
 * in order; everything else here is package-private.
 */
package io.latchkey.authserver.authorize;
