package io.latchkey.authserver.throttle;

import java.time.Duration;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

/**
 * The throttles against guessing and abuse. Counters live in PostgreSQL, so every node
 * applies the same ones.
 *
 * @param signInAccount failed sign-ins per account (or per typed name that matches none,
 * so unknown names behave exactly like known ones)
 * @param signInAddress failed sign-ins per client address
 * @param requestsPerAddress registrations, verification and reset requests per client
 * address
 * @param mailPerAddress verification and reset mails per recipient address
 * @param clientAuthentication failed client authentications (wrong secrets) per client id
 * at the protocol endpoints
 * <p>
 * Each rule differs in its defaults, which records cannot say with {@code @DefaultValue},
 * so they are given here and repeated for IDEs in
 * {@code META-INF/additional-spring-configuration-metadata.json}
 * ({@code ThrottlePropertiesTests} keeps both the same).
 */
@Validated
@ConfigurationProperties("latchkey.throttle")
public record ThrottleProperties(@Valid @NestedConfigurationProperty ThrottleRule signInAccount,
		@Valid @NestedConfigurationProperty ThrottleRule signInAddress,
		@Valid @NestedConfigurationProperty ThrottleRule requestsPerAddress,
		@Valid @NestedConfigurationProperty ThrottleRule mailPerAddress,
		@Valid @NestedConfigurationProperty ThrottleRule clientAuthentication) {

	public ThrottleProperties {
		signInAccount = (signInAccount != null) ? signInAccount : new ThrottleRule(3, Duration.ofSeconds(1),
				Duration.ofSeconds(30), 10, Duration.ofMinutes(15), Duration.ofHours(1));
		signInAddress = (signInAddress != null) ? signInAddress : new ThrottleRule(20, Duration.ofSeconds(1),
				Duration.ofSeconds(30), 200, Duration.ofMinutes(30), Duration.ofHours(1));
		requestsPerAddress = (requestsPerAddress != null) ? requestsPerAddress : new ThrottleRule(10,
				Duration.ofSeconds(5), Duration.ofMinutes(5), 0, Duration.ZERO, Duration.ofMinutes(30));
		mailPerAddress = (mailPerAddress != null) ? mailPerAddress : new ThrottleRule(3, Duration.ofMinutes(1),
				Duration.ofMinutes(30), 0, Duration.ZERO, Duration.ofHours(6));
		// no lock: a guesser would keep the real client out for the lock's length
		clientAuthentication = (clientAuthentication != null) ? clientAuthentication : new ThrottleRule(10,
				Duration.ofSeconds(1), Duration.ofMinutes(1), 0, Duration.ZERO, Duration.ofHours(1));
	}

}
