package io.latchkey.sampleresource;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What an access token must say to be accepted here, read from Spring Boot's own
 * resource-server settings.
 *
 * @param issuerUri the issuer (Latchkey)
 * @param jwkSetUri where its public keys are
 * @param audiences the audiences this API answers to ({@code messages-api})
 */
@ConfigurationProperties("spring.security.oauth2.resourceserver.jwt")
record AccessTokenProperties(String issuerUri, String jwkSetUri, List<String> audiences) {

}
