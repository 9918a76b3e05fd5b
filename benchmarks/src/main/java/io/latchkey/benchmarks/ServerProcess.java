package io.latchkey.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program under load, started from its runnable jar; knows its start-up time and
 * memory.
 */
final class ServerProcess implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

	private final String name;

	private final Path log;

	private final Process process;

	private final double secondsToReady;

	private ServerProcess(String name, Path log, Process process, double secondsToReady) {
		this.name = name;
		this.log = log;
		this.process = process;
		this.secondsToReady = secondsToReady;
	}

	/**
	 * Starts a program ({@code launch}: {@code -jar <jar>}, or what scripts/cds.sh
	 * prints) and waits until the URL gets an HTTP answer that is not a server error.
	 */
	static ServerProcess start(String name, List<String> launch, Path workDir, Map<String, String> environment,
			List<String> jvmArguments, String readyUrl) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArguments);
		command.addAll(launch);
		Path log = workDir.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		long begin = System.nanoTime();
		Process process = builder.start();
		HttpClient http = HttpClient.newHttpClient();
		long deadline = begin + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited at start; see " + log);
			}
			try {
				HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(readyUrl)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() < 500) {
					return new ServerProcess(name, log, process, (System.nanoTime() - begin) / 1e9);
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(50);
		}
		process.destroyForcibly();
		throw new IllegalStateException(name + " was not ready within two minutes; see " + log);
	}

	/** From process start until the first successful answer. */
	double secondsToReady() {
		return this.secondsToReady;
	}

	/** What Spring Boot itself logged as its start-up time, or NaN. */
	double reportedStartSeconds() throws IOException {
		Matcher matcher = STARTED.matcher(Files.readString(this.log));
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
	}

	/** Resident set size from /proc, in MiB (Linux), or NaN elsewhere. */
	double residentMemoryMib() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not Linux, or the process is gone
		}
		return Double.NaN;
	}

	/** The CPU time the process has used so far, in milliseconds (NaN if unknown). */
	double cpuMillis() {
		return this.process.toHandle()
			.info()
			.totalCpuDuration()
			.map((duration) -> duration.toNanos() / 1e6)
			.orElse(Double.NaN);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
