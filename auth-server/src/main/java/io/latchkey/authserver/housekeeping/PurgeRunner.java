package io.latchkey.authserver.housekeeping;

import java.time.Clock;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link Purge} once an hour (on every node; each is idempotent). One failing
 * purge does not stop the others.
 */
@Component
class PurgeRunner implements SchedulingConfigurer {

	private static final Log logger = LogFactory.getLog(PurgeRunner.class);

	private final List<Purge> purges;

	private final Clock clock;

	private final PurgeProperties properties;

	PurgeRunner(List<Purge> purges, Clock clock, PurgeProperties properties) {
		this.purges = purges;
		this.clock = clock;
		this.properties = properties;
	}

	/** On {@code latchkey.purge-cron}, on every node (the deletes are idempotent). */
	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addCronTask(this::run, this.properties.purgeCron());
	}

	void run() {
		for (Purge purge : this.purges) {
			try {
				int deleted = purge.purge(this.clock.instant());
				if (deleted > 0) {
					logger.info("Purged " + deleted + " " + purge.name());
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not purge " + purge.name() + "; trying again at the next run", ex);
			}
		}
	}

}
