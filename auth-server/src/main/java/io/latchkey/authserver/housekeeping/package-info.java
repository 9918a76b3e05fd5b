/**
 * The purges of rows nobody needs any more, run together on one schedule. A leaf package:
 * features implement {@link io.latchkey.authserver.housekeeping.Purge}, the runner finds
 * them.
 */
package io.latchkey.authserver.housekeeping;
