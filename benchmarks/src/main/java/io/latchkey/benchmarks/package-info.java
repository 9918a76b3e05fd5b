/**
 * What Latchkey's work costs on this machine: JMH microbenchmarks of the operations that
 * bound the server (signing and validating tokens, hashing passwords), and
 * {@link io.latchkey.benchmarks.LoadRunner}, which puts HTTP load on the real programs
 * and compares each workload with its bound.
 */
package io.latchkey.benchmarks;
