package io.latchkey.authserver.login;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Spring Security's passkey script sends the browser to
 * {@code /webauthn/register?success} after adding or removing a passkey; with the
 * library's page turned off, that lands on ours.
 */
@Controller
class PasskeyRegistrationRedirect {

	@GetMapping("/webauthn/register")
	String registered() {
		return "redirect:" + TwoStepSettingsController.PATH + "/passkeys/done";
	}

}
