package io.latchkey.authserver.account;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Cost of the Argon2id password hash. The defaults are OWASP's recommendation (19 MiB,
 * two iterations, one lane).
 *
 * @param argon2MemoryKib memory per hash, in KiB
 * @param argon2Iterations passes over that memory
 * @param minimumLength the shortest password a person may choose
 */
@Validated
@ConfigurationProperties("latchkey.passwords")
record PasswordProperties(@Min(8192) Integer argon2MemoryKib, @Min(1) Integer argon2Iterations,
		@Min(8) Integer minimumLength) {

	PasswordProperties {
		argon2MemoryKib = (argon2MemoryKib != null) ? argon2MemoryKib : 19456;
		argon2Iterations = (argon2Iterations != null) ? argon2Iterations : 2;
		minimumLength = (minimumLength != null) ? minimumLength : 12;
	}

}
