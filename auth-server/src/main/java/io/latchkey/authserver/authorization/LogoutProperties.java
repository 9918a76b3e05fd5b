package io.latchkey.authserver.authorization;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Back-channel logout delivery.
 *
 * @param backchannelRetryDelay how often every node looks for deliveries due again (the
 * waits between attempts grow from 10 s)
 */
@ConfigurationProperties("latchkey.logout")
record LogoutProperties(@DefaultValue("10s") Duration backchannelRetryDelay) {

}
