package io.latchkey.authserver.web;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first step of a shutdown. When the context closes, Boot marks the node as refusing
 * traffic and the management port (readiness) closes at once; this keeps the public port
 * serving new requests for the drain period, so that a load balancer or Kubernetes that
 * polls readiness takes the node out before its connector stops accepting. Tomcat's
 * graceful shutdown then lets the requests in flight finish
 * ({@code spring.lifecycle.timeout-per-shutdown-phase}).
 */
@Component
class ShutdownDrain implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ShutdownDrain.class);

	private final Duration drainPeriod;

	private volatile boolean running;

	ShutdownDrain(ShutdownProperties properties) {
		this.drainPeriod = properties.drainPeriod();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (!this.drainPeriod.isZero() && !this.drainPeriod.isNegative()) {
			logger.info("Shutting down: readiness is down, the public port serves for another "
					+ this.drainPeriod.toMillis() + " ms");
			try {
				Thread.sleep(this.drainPeriod.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stopped before the web server's graceful shutdown, which stops accepting. */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
	}

	/**
	 * @param drainPeriod how long the public port keeps accepting requests after a
	 * shutdown began and readiness went down
	 */
	@ConfigurationProperties("latchkey.shutdown")
	record ShutdownProperties(@DefaultValue("0s") Duration drainPeriod) {

	}

}
