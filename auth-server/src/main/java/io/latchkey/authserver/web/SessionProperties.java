package io.latchkey.authserver.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a stored session lives once someone signed in to it (before, it lives
 * {@code spring.session.timeout}).
 *
 * @param signedInTimeout the idle time after which a signed-in session ends
 */
@ConfigurationProperties("latchkey.sessions")
record SessionProperties(@DefaultValue("8h") Duration signedInTimeout) {

}
