package io.latchkey.authserver.housekeeping;

import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link StartupData} once every bean exists and before the web server starts:
 * the first request must find what they create (an application runner would run after the
 * server started, and a request right after start found its client missing).
 */
@Component
class StartupSeeding implements SmartInitializingSingleton {

	private final List<StartupData> data;

	StartupSeeding(List<StartupData> data) {
		this.data = data;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.data.forEach(StartupData::ensure);
	}

}
