package io.latchkey.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Checking a password with the Argon2id cost auth-server uses (its defaults:
 * {@code latchkey.passwords.argon2-memory-kib} and {@code argon2-iterations}). One check
 * is what a sign-in costs, and what authenticating a client by its secret costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(1)
public class PasswordHashBenchmark {

	@Param("19456")
	public int memoryKib;

	@Param("2")
	public int iterations;

	private Argon2PasswordEncoder encoder;

	private String hash;

	@Setup
	public void setUp() {
		this.encoder = new Argon2PasswordEncoder(16, 32, 1, this.memoryKib, this.iterations);
		this.hash = this.encoder.encode("correct horse battery staple");
	}

	@Benchmark
	public boolean checkPassword() {
		return this.encoder.matches("correct horse battery staple", this.hash);
	}

}
