package io.latchkey.authserver.account;

import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * What a new password must be, after NIST SP 800-63B (5.1.1.2): long enough, not on a
 * list of common passwords, not made of the person's own username or address. Long
 * passphrases are welcome and no mix of character classes is demanded.
 */
@Component
public class PasswordPolicy {

	/** Longer passwords are refused only to bound the hashing work per request. */
	static final int MAXIMUM_LENGTH = 256;

	private final int minimumLength;

	private final Supplier<CommonPasswords> commonPasswords = SingletonSupplier.of(CommonPasswords::load);

	PasswordPolicy(PasswordProperties properties) {
		this.minimumLength = properties.minimumLength();
	}

	public int minimumLength() {
		return this.minimumLength;
	}

	/**
	 * The message key of the first rule the password breaks, or null if it keeps them
	 * all.
	 * @param password the candidate
	 * @param username the account's username
	 * @param email the account's e-mail address
	 */
	public String violation(String password, String username, String email) {
		int length = password.codePointCount(0, password.length());
		if (length < this.minimumLength) {
			return "password.too-short";
		}
		if (length > MAXIMUM_LENGTH) {
			return "password.too-long";
		}
		if (this.commonPasswords.get().contains(password)) {
			return "password.common";
		}
		if (isCloseTo(password, username) || isCloseTo(password, email) || isCloseTo(password, localPart(email))) {
			return "password.like-name";
		}
		return null;
	}

	private static String localPart(String email) {
		return (email != null && email.indexOf('@') > 0) ? email.substring(0, email.indexOf('@')) : email;
	}

	/**
	 * Whether the password is built on the name: contains it, or is a few edits away from
	 * it.
	 */
	static boolean isCloseTo(String password, String name) {
		if (name == null) {
			return false;
		}
		String candidate = simplify(password);
		String simpleName = simplify(name);
		// a name this short appears inside many unrelated words
		if (simpleName.length() < 4) {
			return false;
		}
		return candidate.contains(simpleName)
				|| editDistance(candidate, simpleName) <= Math.max(2, simpleName.length() / 4);
	}

	private static String simplify(String value) {
		return value.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
	}

	private static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
