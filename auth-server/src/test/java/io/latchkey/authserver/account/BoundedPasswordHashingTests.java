package io.latchkey.authserver.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate in front of password hashing: however many sign-ins arrive together, no more
 * hashes run at once than it has permits, and every one of them finishes.
 */
class BoundedPasswordHashingTests {

	@Test
	void matchesWhenMoreRequestsThanPermitsThenTheRestWaitTheirTurn() throws Exception {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		PasswordEncoder hashing = new PasswordEncoder() {

			@Override
			public String encode(CharSequence rawPassword) {
				return "hash";
			}

			@Override
			public boolean matches(CharSequence rawPassword, String encodedPassword) {
				most.accumulateAndGet(running.incrementAndGet(), Math::max);
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				running.decrementAndGet();
				return true;
			}

		};
		BoundedPasswordHashing gate = new BoundedPasswordHashing(hashing, 2);
		AtomicInteger matched = new AtomicInteger();
		List<Thread> signIns = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Thread signIn = new Thread(() -> {
				if (gate.matches("password", "hash")) {
					matched.incrementAndGet();
				}
			});
			signIns.add(signIn);
			signIn.start();
		}

		// every thread is waiting: in the hash (held by the latch) or at the gate
		for (Thread signIn : signIns) {
			while (signIn.getState() != Thread.State.WAITING) {
				Thread.onSpinWait();
			}
		}
		assertThat(most).hasValue(2);
		release.countDown();
		for (Thread signIn : signIns) {
			signIn.join(TimeUnit.SECONDS.toMillis(10));
		}
		assertThat(matched).hasValue(6);
		assertThat(most).hasValue(2);
	}

}
