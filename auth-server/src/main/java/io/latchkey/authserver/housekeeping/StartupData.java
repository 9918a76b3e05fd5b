package io.latchkey.authserver.housekeeping;

/**
 * Data a feature makes sure of at start (configured clients, the first administrator, the
 * demo account). {@link StartupSeeding} runs every one in their {@code @Order}, before
 * the web server takes requests. Must be safe when several nodes start at once.
 */
public interface StartupData {

	void ensure();

}
