package io.latchkey.authserver.account;

import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class ResetRequestConfiguration {

	static final String EXECUTOR = "resetRequestExecutor";

	/**
	 * Password-reset requests are looked at after the answer: whether an account has the
	 * address, the mail limit, the link and its mail. The page answers after the same
	 * work for every address, so its timing does not tell which addresses have accounts.
	 * When the queue is full the request is handled on the caller's thread rather than
	 * lost.
	 */
	@Bean(EXECUTOR)
	ThreadPoolTaskExecutor resetRequestExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("reset-request-");
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setQueueCapacity(1000);
		executor.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(10);
		return executor;
	}

}
