package io.latchkey.authserver.throttle;

import java.util.List;
import java.util.Map;

import io.latchkey.authserver.support.AtOnce;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle counts every attempt: requests released at the same moment are each
 * counted, and a count stays when the work that made it rolls back.
 */
@AuthServerIntegrationTest
class AttemptCountingIntegrationTests {

	private static final int AT_ONCE = 10;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AttemptThrottle throttle;

	@Autowired
	ThrottleProperties rules;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void requestsWhenSentAtOnceThenEveryOneIsCounted() {
		HttpUserAgent agent = new HttpUserAgent("http://localhost:" + this.port);
		Response form = agent.get("/forgot-password");
		int before = count("reset:address:127.0.0.1");

		List<Integer> statuses = AtOnce.run(AT_ONCE,
				() -> agent.submitForm(form, "form[action$=/forgot-password]", Map.of("email", "nobody@example.com"))
					.status());

		assertThat(statuses).allSatisfy((status) -> assertThat(status).isLessThan(400));
		assertThat(count("reset:address:127.0.0.1") - before).isEqualTo(AT_ONCE);
	}

	@Test
	void countWhenTheCallersTransactionRollsBackThenTheCountStays() {
		String key = "test:rollback";
		TransactionTemplate callers = new TransactionTemplate(this.transactionManager);

		callers.executeWithoutResult((status) -> {
			this.throttle.tryAcquire(key, this.rules.requestsPerAddress());
			status.setRollbackOnly();
		});

		assertThat(count(key)).isEqualTo(1);
	}

	private int count(String key) {
		return this.jdbc.sql("select failures from attempt_throttle where throttle_key = ?")
			.param(key)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

}
