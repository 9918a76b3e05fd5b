package io.latchkey.authserver.housekeeping;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.latchkey.authserver.support.BoundProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PurgeRunnerTests {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	@Test
	void runWhenOnePurgeFailsThenTheOthersStillRunAtTheSameTime() {
		List<Instant> ran = new ArrayList<>();
		Purge failing = purge("failing", (now) -> {
			throw new IllegalStateException("database away");
		});
		Purge working = purge("working", (now) -> {
			ran.add(now);
			return 3;
		});

		new PurgeRunner(List.of(failing, working), Clock.fixed(NOW, ZoneOffset.UTC),
				BoundProperties.bind(PurgeProperties.class, "latchkey", Map.of()))
			.run();

		assertThat(ran).containsExactly(NOW);
	}

	private static Purge purge(String name, java.util.function.ToIntFunction<Instant> body) {
		return new Purge() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public int purge(Instant now) {
				return body.applyAsInt(now);
			}
		};
	}

}
