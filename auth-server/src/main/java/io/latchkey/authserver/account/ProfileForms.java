package io.latchkey.authserver.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the profile pages post. Passwords are never bound back into a page. */
final class ProfileForms {

	private ProfileForms() {
	}

	/**
	 * Assigned characters that are not control characters: names go into ID tokens and
	 * onto other people's pages (a noncharacter such as U+FFFF ends some HTML parsers).
	 */
	static final String PRINTABLE = "[\\p{IsAssigned}&&[^\\p{Cc}\\p{Cs}]]*";

	record Details(
			@Size(max = 128, message = "{profile.too-long}") @Pattern(regexp = PRINTABLE,
					message = "{profile.unprintable}") String displayName,
			@Size(max = 128, message = "{profile.too-long}") @Pattern(regexp = PRINTABLE,
					message = "{profile.unprintable}") String givenName,
			@Size(max = 128, message = "{profile.too-long}") @Pattern(regexp = PRINTABLE,
					message = "{profile.unprintable}") String familyName,
			@Pattern(regexp = "^$|[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}",
					message = "{profile.locale.invalid}") String locale,
			@Size(max = 64, message = "{profile.zoneinfo.invalid}") String zoneinfo) {

		static Details of(UserAccount account) {
			return new Details(account.getDisplayName(), account.getGivenName(), account.getFamilyName(),
					account.getLocale(), account.getZoneinfo());
		}

	}

	record EmailChange(
			@NotBlank(message = "{registration.email.required}") @Email(message = "{registration.email.invalid}") @Size(
					max = 254, message = "{registration.email.invalid}") String newEmail,
			@NotBlank(message = "{profile.current-password.required}") String currentPassword) {

	}

	record PasswordChange(@NotBlank(message = "{profile.current-password.required}") String currentPassword,
			@NotBlank(message = "{registration.password.required}") @Size(max = 256,
					message = "{registration.password.too-long}") String newPassword,
			String confirmPassword) {

	}

	record Deletion(@NotBlank(message = "{profile.current-password.required}") String currentPassword) {

	}

}
