package io.latchkey.authserver.login;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.latchkey.authserver.support.TotpCodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTests {

	/** The SHA-1 seed of RFC 6238 appendix B. */
	private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@Test
	void codeWhenRfc6238TestVectorsThenTheirLastSixDigits() {
		assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
		assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
		assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
	}

	@Test
	void matchingStepWhenCodeFromNeighbouringStepThenAcceptedElseRefused() {
		Instant now = Instant.ofEpochSecond(1111111109);
		long step = Totp.step(now);

		assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now)).isEqualTo(step - 1);
		assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now)).isEqualTo(step + 1);
		assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now)).isEqualTo(-1);
		assertThat(Totp.matchingStep(RFC_SECRET, "12345", now)).isEqualTo(-1);
		assertThat(Totp.matchingStep(RFC_SECRET, null, now)).isEqualTo(-1);
	}

	@Test
	void provisioningUriWhenSecretThenAnAppComputesTheSameCodes() {
		byte[] secret = Totp.newSecret();
		String uri = Totp.provisioningUri(secret, "Latchkey", "ada lovelace");
		String base32 = uri.replaceAll(".*secret=([A-Z2-7]+)&.*", "$1");
		Instant now = Instant.now();

		assertThat(uri).startsWith("otpauth://totp/Latchkey:ada%20lovelace?secret=").contains("&issuer=Latchkey");
		assertThat(TotpCodes.code(base32, now)).isEqualTo(Totp.code(secret, Totp.step(now)));
	}

}
