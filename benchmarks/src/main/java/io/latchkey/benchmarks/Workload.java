package io.latchkey.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One kind of request, run by several workers at once: first a warm-up that is not
 * counted, then a measured phase that stops after a number of operations or a time,
 * whichever comes first.
 */
final class Workload {

	/** One operation of a worker; true when the answer was the expected one. */
	@FunctionalInterface
	interface Operation {

		boolean run(int worker) throws Exception;

	}

	private final String name;

	private final Operation operation;

	Workload(String name, Operation operation) {
		this.name = name;
		this.operation = operation;
	}

	String name() {
		return this.name;
	}

	Result run(int workers, long warmupMillis, long measureMillis, int maxOperations) throws Exception {
		int warmupOperations = runPhase(workers, warmupMillis, Integer.MAX_VALUE, null, null);
		List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
		AtomicLong errors = new AtomicLong();
		long start = System.nanoTime();
		runPhase(workers, measureMillis, maxOperations, latencies, errors);
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		return new Result(this.name, all.length, errors.get(), all.length / seconds, percentile(all, 0.50),
				percentile(all, 0.99), seconds, warmupOperations);
	}

	/** Runs one phase; returns how many operations were started. */
	private int runPhase(int workers, long millis, int maxOperations, List<long[]> latencies, AtomicLong errors)
			throws Exception {
		long deadline = System.nanoTime() + millis * 1_000_000L;
		AtomicInteger started = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int w = 0; w < workers; w++) {
				int worker = w;
				running.add(pool.submit(() -> {
					long[] mine = new long[Math.min(maxOperations, 1_000_000)];
					int count = 0;
					while (System.nanoTime() < deadline && started.getAndIncrement() < maxOperations) {
						long begin = System.nanoTime();
						boolean ok;
						try {
							ok = this.operation.run(worker);
						}
						catch (Exception ex) {
							ok = false;
						}
						long took = System.nanoTime() - begin;
						if (!ok && errors != null) {
							errors.incrementAndGet();
						}
						if (ok && count < mine.length) {
							mine[count++] = took;
						}
					}
					if (latencies != null) {
						latencies.add(Arrays.copyOf(mine, count));
					}
					return null;
				}));
			}
			for (Future<?> future : running) {
				future.get();
			}
			return Math.min(started.get(), maxOperations);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
	}

	/** What one workload measured; latencies in milliseconds. */
	record Result(String name, long operations, long errors, double throughput, double p50Millis, double p99Millis,
			double seconds, long warmupOperations) {
	}

}
