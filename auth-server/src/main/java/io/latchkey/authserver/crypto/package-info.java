/**
 * The two primitives several features need: SHA-256 of a text, and random tokens. A leaf
 * package, so any feature may use it without a cycle.
 */
package io.latchkey.authserver.crypto;
