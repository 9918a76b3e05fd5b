package io.latchkey.authserver.client;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a client registered in the portal or by dynamic registration gets when it does not
 * choose ({@code latchkey.new-clients}); strict unless the operator relaxes it.
 *
 * @param requireProofKey whether a confidential client's authorization requests must
 * carry a PKCE challenge (RFC 9700 section 2.1.1 recommends it; public clients always
 * must)
 */
@ConfigurationProperties("latchkey.new-clients")
public record NewClientDefaults(@DefaultValue("true") boolean requireProofKey) {

}
