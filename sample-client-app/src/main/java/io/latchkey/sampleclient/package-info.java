/**
 * A web application that signs people in through Latchkey (OpenID Connect, code + PKCE)
 * and shows data it fetches from the sample API with their access token.
 */
package io.latchkey.sampleclient;
