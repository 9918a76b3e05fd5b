package io.latchkey.authserver.housekeeping;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When every node runs the purges.
 *
 * @param purgeCron the schedule, a Spring cron expression (hourly at minute 17 by
 * default)
 */
@ConfigurationProperties("latchkey")
record PurgeProperties(@DefaultValue("0 17 * * * *") String purgeCron) {

}
