package io.latchkey.sampleresource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SampleResourceServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleResourceServerApplication.class, args);
	}

}
