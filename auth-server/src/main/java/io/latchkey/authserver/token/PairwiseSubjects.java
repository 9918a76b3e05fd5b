package io.latchkey.authserver.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.latchkey.authserver.client.LatchkeyClientSettings;
import io.latchkey.authserver.client.TokenProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Pairwise subject identifiers (OpenID Connect Core 8.1), which the library leaves out: a
 * client registered for them sees, in ID tokens, userinfo and logout tokens, a
 * {@code sub} of its own for each person, so clients cannot join what they know about
 * someone by it. The identifier is an HMAC-SHA-256, under a server secret, of the
 * client's sector (the host of its sector identifier URI, else of its redirect URIs) and
 * the person's account id: the same for every client of one sector, stable, and not
 * reversible without the secret. Access tokens and introspection keep the account id:
 * they are for our resource servers, which need one identity across clients.
 */
@Component
public class PairwiseSubjects {

	private static final Log logger = LogFactory.getLog(PairwiseSubjects.class);

	private static final String DEVELOPMENT_SECRET = "latchkey development pairwise subject secret";

	private final SecretKeySpec key;

	PairwiseSubjects(TokenProperties properties) {
		String secret = properties.pairwiseSubjectSecret();
		if (!StringUtils.hasText(secret)) {
			logger.warn("latchkey.tokens.pairwise-subject-secret is not set: pairwise subject identifiers use the "
					+ "built-in development secret. Set it (and never change it) before any client uses them.");
			secret = DEVELOPMENT_SECRET;
		}
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/**
	 * The sector: the host of the sector identifier URI, else that of the redirect URIs
	 * (which registration keeps on one host for pairwise clients without one).
	 */
	public static String sectorOf(RegisteredClient client) {
		Object sectorUri = LatchkeyClientSettings.of(client).sectorIdentifierUri();
		String uri = (sectorUri instanceof String configured) ? configured
				: client.getRedirectUris().stream().sorted().findFirst().orElse(client.getClientId());
		String host = URI.create(uri).getHost();
		return (host != null) ? host : client.getClientId();
	}

	/** The {@code sub} the client sees for the account. */
	public String subjectFor(RegisteredClient client, String accountId) {
		if (client == null || !LatchkeyClientSettings.of(client).pairwiseSubjects()) {
			return accountId;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			byte[] digest = mac.doFinal((sectorOf(client) + " " + accountId).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
