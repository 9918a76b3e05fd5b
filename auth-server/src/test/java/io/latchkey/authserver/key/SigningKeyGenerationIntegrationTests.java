package io.latchkey.authserver.key;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.latchkey.authserver.support.AuthServerIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** On a database of its own, since it empties the key table. */
@AuthServerIntegrationTest
@TestPropertySource(properties = "latchkey.test.context=signing-key-generation")
class SigningKeyGenerationIntegrationTests {

	@Autowired
	SigningKeyStore store;

	@Autowired
	JdbcClient jdbc;

	@Test
	void rotateWhenNodesRunTogetherOnEmptyDatabaseThenAllSeeTheSameOneKeyPerAlgorithm() throws Exception {
		// the key this context generated at start is gone: as on a fresh database
		this.jdbc.sql("delete from signing_key").update();
		int nodes = 4;
		CountDownLatch start = new CountDownLatch(1);
		Callable<List<String>> rotateAndRead = () -> {
			start.await();
			this.store.rotate(false);
			return this.store.published().stream().map((key) -> key.jwk().getKeyID()).sorted().toList();
		};
		ExecutorService executor = Executors.newFixedThreadPool(nodes);
		try {
			List<Future<List<String>>> keys = List.of(executor.submit(rotateAndRead), executor.submit(rotateAndRead),
					executor.submit(rotateAndRead), executor.submit(rotateAndRead));
			start.countDown();
			List<String> first = keys.get(0).get();
			assertThat(first).hasSize(2);
			for (Future<List<String>> key : keys) {
				assertThat(key.get()).isEqualTo(first);
			}
		}
		finally {
			executor.shutdownNow();
		}
		// one RS256 and one ES256 key, whatever the number of nodes
		assertThat(this.jdbc.sql("select count(*) from signing_key").query(Integer.class).single()).isEqualTo(2);
	}

}
