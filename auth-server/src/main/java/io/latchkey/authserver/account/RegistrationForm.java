package io.latchkey.authserver.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the registration page posts. */
class RegistrationForm {

	@NotBlank(message = "{registration.username.required}")
	@Pattern(regexp = "^$|[A-Za-z0-9][A-Za-z0-9._-]{2,31}", message = "{registration.username.pattern}")
	private String username = "";

	@NotBlank(message = "{registration.email.required}")
	@Email(message = "{registration.email.invalid}")
	@Size(max = 254, message = "{registration.email.invalid}")
	private String email = "";

	@NotBlank(message = "{registration.password.required}")
	@Size(max = 256, message = "{registration.password.too-long}")
	private String password = "";

	private String confirmPassword = "";

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = (username != null) ? username.trim() : "";
	}

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = (email != null) ? email.trim() : "";
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = (password != null) ? password : "";
	}

	public String getConfirmPassword() {
		return this.confirmPassword;
	}

	public void setConfirmPassword(String confirmPassword) {
		this.confirmPassword = (confirmPassword != null) ? confirmPassword : "";
	}

}
