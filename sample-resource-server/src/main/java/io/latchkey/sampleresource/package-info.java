/**
 * A REST API that accepts only Latchkey access tokens for its audience, checked locally
 * against the issuer's published keys, with scopes mapped to permissions.
 */
package io.latchkey.sampleresource;
