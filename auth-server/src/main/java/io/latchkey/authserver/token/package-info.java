/**
 * What goes into tokens: the standard claims the granted scopes allow in ID tokens and at
 * the userinfo endpoint, and the audience of access tokens.
 */
package io.latchkey.authserver.token;
