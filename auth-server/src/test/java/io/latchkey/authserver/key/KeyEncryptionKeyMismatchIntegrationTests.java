package io.latchkey.authserver.key;

import io.latchkey.authserver.AuthServerApplication;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AuthServerIntegrationTest
class KeyEncryptionKeyMismatchIntegrationTests {

	@Value("${spring.datasource.url}")
	String databaseUrl;

	@Test
	void startWhenStoredKeyWasEncryptedWithAnotherKeyThenStartFailsNamingTheSetting() {
		// this context has stored its key under the development key; a second node with
		// another key encryption key on the same database must refuse to start
		SpringApplicationBuilder otherNode = new SpringApplicationBuilder(AuthServerApplication.class);

		assertThatThrownBy(() -> otherNode
			.run("--spring.datasource.url=" + this.databaseUrl, "--spring.datasource.username=",
					"--spring.datasource.password=", "--server.port=0",
					"--latchkey.keys.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
			.close()).hasStackTraceContaining("LATCHKEY_KEY_ENCRYPTION_KEY");
	}

}
