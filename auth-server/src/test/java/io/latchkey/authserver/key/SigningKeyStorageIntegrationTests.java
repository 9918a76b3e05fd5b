package io.latchkey.authserver.key;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.BoundProperties;
import io.latchkey.authserver.support.HttpUserAgent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServerIntegrationTest
class SigningKeyStorageIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	KeyEncryptor encryptor;

	@Test
	void signingKeyWhenStoredThenPrivatePartEncryptedAndPublishedKeyMatches() throws Exception {
		JWKSet published = JWKSet.parse(new HttpUserAgent("http://localhost:" + this.port).get("/oauth2/jwks").body());

		List<Map<String, Object>> rows = this.jdbc
			.sql("select kid, public_jwk, private_jwk_encrypted from signing_key where algorithm = 'RS256'")
			.query()
			.listOfRows();
		assertThat(rows).hasSize(1);
		Map<String, Object> row = rows.get(0);
		assertThat(published.getKeyByKeyId((String) row.get("kid"))).isNotNull();
		String encrypted = (String) row.get("private_jwk_encrypted");
		// a compact JWE: five parts, nothing of the key readable
		assertThat(encrypted.split("\\.")).hasSize(5);
		// (the ciphertext is random base64, so look inside it rather than for letters in
		// it)
		String ciphertext = new String(java.util.Base64.getUrlDecoder().decode(encrypted.split("\\.")[3]),
				java.nio.charset.StandardCharsets.ISO_8859_1);
		assertThat(ciphertext).doesNotContain("\"kty\"").doesNotContain("\"d\"");
		assertThat(this.encryptor.decrypt(encrypted)).contains("\"d\"");
	}

	@Test
	void keyEncryptorWhenKeyDiffersThenDecryptionRefusedWithClearMessage() {
		String encrypted = this.encryptor.encrypt("{\"secret\":true}");
		KeyEncryptor otherKey = new KeyEncryptor(BoundProperties.bind(KeyProperties.class, "latchkey.keys",
				Map.of("latchkey.keys.encryption-key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")));

		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> otherKey.decrypt(encrypted))
			.withMessageContaining("LATCHKEY_KEY_ENCRYPTION_KEY");
	}

}
