package io.latchkey.authserver.web;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Readiness of the schema ({@code schema} in the readiness group): the database holds
 * every migration this build has, so a node whose migrations have not run, or that starts
 * against a database another node is still migrating, is not sent traffic. While this
 * node runs its own migrations it does not listen at all.
 */
@Component
class SchemaHealthIndicator extends AbstractHealthIndicator {

	private final Flyway flyway;

	SchemaHealthIndicator(Flyway flyway) {
		super("The schema's migrations could not be read");
		this.flyway = flyway;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MigrationInfoService migrations = this.flyway.info();
		MigrationInfo current = migrations.current();
		int pending = migrations.pending().length;
		builder.withDetail("version", (current != null) ? current.getVersion().getVersion() : "none");
		if (pending > 0) {
			builder.outOfService().withDetail("pending", pending);
		}
		else {
			builder.up();
		}
	}

}
