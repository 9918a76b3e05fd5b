package io.latchkey.authserver.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, created at start when no account has the admin role. There is
 * no default password: without one nothing is created.
 *
 * @param username its username
 * @param email its address (marked verified)
 * @param password its password, best from the environment
 * ({@code LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD})
 */
@ConfigurationProperties("latchkey.bootstrap-admin")
record BootstrapAdminProperties(String username, String email, String password) {

}
