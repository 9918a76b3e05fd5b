package io.latchkey.authserver.login;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * What a person did to sign in, read from the factor authorities of their authentication
 * (Spring Security adds one per factor), in the vocabularies of the {@code amr} (RFC
 * 8176) and {@code acr} claims.
 */
public final class AuthenticationMethods {

	/** The {@code acr} of a sign-in with a password alone. */
	public static final String ACR_PASSWORD = "urn:latchkey:acr:password";

	/** The {@code acr} of a multi-factor sign-in; a client asking for it gets no less. */
	public static final String ACR_MULTI_FACTOR = "urn:latchkey:acr:mfa";

	private static final String TOTP = "FACTOR_" + SecondFactorController.TOTP_FACTOR;

	private static final String RECOVERY_CODE = "FACTOR_" + SecondFactorController.RECOVERY_CODE_FACTOR;

	private AuthenticationMethods() {
	}

	/** The {@code amr} values of the authentication, empty when it proves no factor. */
	public static List<String> amr(Authentication authentication) {
		Set<String> methods = new LinkedHashSet<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (!(authority instanceof FactorGrantedAuthority)) {
				continue;
			}
			String factor = authority.getAuthority();
			if (FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(factor)) {
				methods.add("pwd");
			}
			else if (TOTP.equals(factor) || RECOVERY_CODE.equals(factor)) {
				methods.add("otp");
			}
			else if (FactorGrantedAuthority.WEBAUTHN_AUTHORITY.equals(factor)) {
				// a passkey with user verification: something held plus a PIN or
				// biometric
				methods.add("hwk");
				methods.add("user");
			}
		}
		List<String> amr = new ArrayList<>(methods);
		if (isMultiFactor(amr)) {
			amr.add("mfa");
		}
		return amr;
	}

	public static boolean isMultiFactor(Authentication authentication) {
		return amr(authentication).contains("mfa");
	}

	public static String acr(Authentication authentication) {
		return isMultiFactor(authentication) ? ACR_MULTI_FACTOR : ACR_PASSWORD;
	}

	private static boolean isMultiFactor(List<String> methods) {
		return methods.contains("user") || (methods.contains("pwd") && methods.contains("otp"));
	}

}
