package io.latchkey.authserver.account;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordEncoderConfiguration {

	private static final String ARGON2 = "argon2";

	/**
	 * People's passwords are hashed with Argon2id (client secrets have their own encoder,
	 * {@code ClientSecrets}). The hashes carry their algorithm's id, so a stronger
	 * algorithm or cost can take over and old hashes are upgraded when their owner next
	 * signs in.
	 */
	@Bean
	PasswordEncoder passwordEncoder(PasswordProperties properties) {
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, properties.argon2MemoryKib(),
				properties.argon2Iterations());
		return new DelegatingPasswordEncoder(ARGON2,
				Map.of(ARGON2, new BoundedPasswordHashing(argon2, Runtime.getRuntime().availableProcessors()), "bcrypt",
						new BCryptPasswordEncoder()));
	}

}
