package io.latchkey.authserver.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole auth-server on a random port, over real HTTP, on a PostgreSQL database of its
 * own, sending mail to the test JVM's SMTP server, with a clock tests can move. The cheap
 * password hash cost keeps the suite fast; the sample API is the one resource server;
 * everything else is as deployed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"latchkey.passwords.argon2-memory-kib=8192", "latchkey.passwords.argon2-iterations=1",
		"latchkey.tokens.resources[0].audience=messages-api",
		"latchkey.tokens.resources[0].scopes=messages.read,messages.write",
		"latchkey.tokens.resources[0].uri=https://messages.example.test",
		// every cached context has a management port of its own
		"management.server.port=0",
		// every cached test context keeps a pool: idle ones must not hold PostgreSQL's
		// hundred connections between them
		"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.idle-timeout=10000",
		// every test comes from 127.0.0.1 and registers many accounts: the rate limits
		// are tested on their own (ThrottlingIntegrationTests)
		"latchkey.throttle.requests-per-address.free-attempts=1000000",
		"latchkey.throttle.requests-per-address.first-delay=1s",
		"latchkey.throttle.requests-per-address.maximum-delay=1s",
		"latchkey.throttle.requests-per-address.lock-after=0",
		"latchkey.throttle.requests-per-address.lock-duration=0s",
		"latchkey.throttle.requests-per-address.forget-after=1m",
		"latchkey.throttle.mail-per-address.free-attempts=1000", "latchkey.throttle.mail-per-address.first-delay=1s",
		"latchkey.throttle.mail-per-address.maximum-delay=1s", "latchkey.throttle.mail-per-address.lock-after=0",
		"latchkey.throttle.mail-per-address.lock-duration=0s", "latchkey.throttle.mail-per-address.forget-after=1m" })
@ContextConfiguration(initializers = { FreshDatabaseInitializer.class, TestMailServerInitializer.class })
@Import(TestClockConfiguration.class)
public @interface AuthServerIntegrationTest {

}
