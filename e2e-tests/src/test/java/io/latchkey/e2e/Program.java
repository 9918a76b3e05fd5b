package io.latchkey.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.latchkey.authserver.support.TestDatabases;

/**
 * One of Latchkey's programs, started from its runnable jar as a separate JVM, the way a
 * person runs it, with its output in a log file.
 */
final class Program implements AutoCloseable {

	private final String name;

	private final Path jar;

	private final Path workingDirectory;

	private final Map<String, String> environment;

	private final List<String> arguments;

	private final int port;

	private Process process;

	Program(String name, Path jar, Path workingDirectory, int port, Map<String, String> environment,
			List<String> arguments) {
		this.name = name;
		this.jar = jar;
		this.workingDirectory = workingDirectory;
		this.port = port;
		this.environment = environment;
		this.arguments = arguments;
	}

	/**
	 * auth-server started from its jar with this configuration file, on a database of its
	 * own and with a key encryption key of its own.
	 */
	static Program startAuthServer(Path workDir, int port, String configuration) throws Exception {
		Files.createDirectories(workDir.resolve("config"));
		Files.writeString(workDir.resolve("config/auth-server.yaml"), configuration);
		byte[] keyEncryptionKey = new byte[32];
		new SecureRandom().nextBytes(keyEncryptionKey);
		return new Program("auth-server", runnableJar("auth-server"), workDir, port,
				Map.of("DATABASE_URL", TestDatabases.createDatabase(), "LATCHKEY_KEY_ENCRYPTION_KEY",
						Base64.getEncoder().encodeToString(keyEncryptionKey), "MANAGEMENT_PORT",
						String.valueOf(freePort())),
				List.of())
			.start();
	}

	/** The runnable jar a module's build produced. */
	static Path runnableJar(String module) {
		Path root = Path.of(System.getProperty("latchkey.project.root", ".."));
		Path jar = root.resolve(module)
			.resolve("target")
			.resolve(module + "-" + System.getProperty("latchkey.version") + "-exec.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No runnable jar at " + jar + ": build with ./mvnw verify from the root");
		}
		return jar;
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Program start() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-jar");
		command.add(this.jar.toString());
		command.add("--server.port=" + this.port);
		command.addAll(this.arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
		builder.environment().putAll(this.environment);
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.name, ex);
		}
		awaitListening(Duration.ofSeconds(90));
		return this;
	}

	void restart() {
		stop();
		start();
	}

	void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	int port() {
		return this.port;
	}

	String url() {
		return "http://localhost:" + this.port;
	}

	Path log() {
		return this.workingDirectory.resolve(this.name + ".log");
	}

	private void awaitListening(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited at start:\n" + tail());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
				return;
			}
			catch (IOException notYet) {
				sleep();
			}
		}
		throw new IllegalStateException(this.name + " did not listen on " + this.port + " in time:\n" + tail());
	}

	String tail() {
		try {
			List<String> lines = Files.readAllLines(log());
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		stop();
	}

}
