package io.latchkey.authserver.mail;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	/**
	 * True while {@code spring.mail.host} is unset: Spring Boot then makes no mail
	 * sender.
	 */
	static final String NO_SMTP = "'${spring.mail.host:}'.isEmpty()";

	private static final Log logger = LogFactory.getLog(MailConfiguration.class);

	@Bean
	@ConditionalOnProperty("spring.mail.host")
	MailDelivery smtpMailDelivery(JavaMailSender sender, MailProperties properties) {
		return new SmtpMailDelivery(sender, properties.from());
	}

	@Bean
	@ConditionalOnExpression(NO_SMTP)
	DevelopmentOutbox developmentOutbox(Clock clock) {
		return new DevelopmentOutbox(clock);
	}

	/** A few threads of our own, so mail never waits behind other background work. */
	@Bean
	ThreadPoolTaskExecutor mailExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("mail-");
		executor.setCorePoolSize(2);
		executor.setMaxPoolSize(2);
		executor.setQueueCapacity(1000);
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(10);
		return executor;
	}

	@Bean
	Mailer mailer(ObjectProvider<MailDelivery> delivery, ThreadPoolTaskExecutor mailExecutor, MailProperties properties,
			AuthorizationServerSettings settings, MeterRegistry meters) {
		String linkBaseUrl = (properties.linkBaseUrl() != null) ? properties.linkBaseUrl().toString()
				: settings.getIssuer();
		if (linkBaseUrl == null) {
			logger.warn("Neither latchkey.mail.link-base-url nor the issuer is set: links in e-mail take the host of "
					+ "the request that sent them. Set LATCHKEY_ISSUER before anyone else uses this server.");
		}
		return new Mailer(delivery.getObject(), mailExecutor, linkBaseUrl, meters);
	}

}
