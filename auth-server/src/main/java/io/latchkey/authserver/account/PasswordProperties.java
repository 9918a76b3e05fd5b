package io.latchkey.authserver.account;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
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
record PasswordProperties(@DefaultValue("19456") @Min(8192) int argon2MemoryKib,
		@DefaultValue("2") @Min(1) int argon2Iterations, @DefaultValue("12") @Min(8) int minimumLength) {

}
