package io.latchkey.authserver.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Requests released together: every thread is started and waits at a latch, which opens
 * for all at once, so the server sees them at the same moment rather than one after
 * another as a loop would send them.
 */
public final class AtOnce {

	private AtOnce() {
	}

	/** Runs the call on as many threads as there are copies, released at once. */
	public static <T> List<T> run(int copies, Callable<T> call) {
		ExecutorService threads = Executors.newFixedThreadPool(copies);
		try {
			CountDownLatch ready = new CountDownLatch(copies);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < copies; i++) {
				futures.add(threads.submit(() -> {
					ready.countDown();
					go.await();
					return call.call();
				}));
			}
			if (!ready.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Not every thread started");
			}
			go.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			threads.shutdownNow();
		}
	}

}
