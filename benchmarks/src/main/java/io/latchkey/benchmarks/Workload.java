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

	/**
	 * Runs the warm-up, then {@code beforeMeasuring}, then the measured phase.
	 */
	Result run(int workers, Warmup warmup, long measureMillis, int maxOperations, Runnable beforeMeasuring)
			throws Exception {
		int warmupOperations = 0;
		for (double previous = -1; warmup.goOn();) {
			int operations = runPhase(workers, warmup.windowMillis(), Integer.MAX_VALUE, null, null);
			warmupOperations += operations;
			previous = warmup.record(operations * 1000.0 / warmup.windowMillis(), previous);
		}
		beforeMeasuring.run();
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

	/**
	 * Warm-up that is not counted: windows of a few seconds until throughput settles (at
	 * least three windows, the last within 5 % of the one before) or the time allowed
	 * runs out. A JVM that has just started needs tens of seconds before its compiled
	 * code runs at speed.
	 */
	static final class Warmup {

		private static final int MINIMUM_WINDOWS = 3;

		private final long windowMillis;

		private final long deadline;

		private boolean settled;

		private int windows;

		Warmup(long minimumMillis, long maximumMillis) {
			this.windowMillis = Math.max(1000, Math.min(5000, minimumMillis));
			this.deadline = System.nanoTime() + maximumMillis * 1_000_000L;
		}

		/** No warm-up at all. */
		static Warmup none() {
			Warmup none = new Warmup(0, 0);
			none.windows = -1;
			none.settled = true;
			return none;
		}

		long windowMillis() {
			return this.windowMillis;
		}

		boolean goOn() {
			return this.windows == 0 || (this.windows > 0 && !this.settled && System.nanoTime() < this.deadline);
		}

		/**
		 * Records a window's throughput; returns it, to be passed back as the previous
		 * one.
		 */
		double record(double throughput, double previous) {
			this.windows++;
			// a JIT still compiling can pause on a plateau: ask for three windows
			this.settled = this.windows >= MINIMUM_WINDOWS && previous > 0
					&& Math.abs(throughput - previous) <= 0.05 * previous;
			return throughput;
		}

		long seconds() {
			return Math.max(0, this.windows) * this.windowMillis / 1000;
		}

	}

	/** What one workload measured; latencies in milliseconds. */
	record Result(String name, long operations, long errors, double throughput, double p50Millis, double p99Millis,
			double seconds, long warmupOperations) {
	}

}
