package io.latchkey.authserver.web;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The container image's health check: exits 0 when the management port on loopback
 * answers readiness with 200, 1 otherwise. A plain main method that starts no Spring, so
 * that an image without a shell or curl can check itself cheaply.
 */
public final class ReadinessCheck {

	private static final int TIMEOUT_MILLIS = 3000;

	private ReadinessCheck() {
	}

	public static void main(String[] args) {
		String port = System.getenv().getOrDefault("MANAGEMENT_PORT", "9001");
		System.exit(ready("http://127.0.0.1:" + port + "/actuator/health/readiness") ? 0 : 1);
	}

	static boolean ready(String url) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
			connection.setConnectTimeout(TIMEOUT_MILLIS);
			connection.setReadTimeout(TIMEOUT_MILLIS);
			// a redirect (the public port's sign-in page) is not readiness
			connection.setInstanceFollowRedirects(false);
			try {
				return connection.getResponseCode() == 200;
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			return false;
		}
	}

}
