package io.latchkey.authserver.login;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where people type the code a device shows them (RFC 8628 section 3.3): the
 * {@code verification_uri} of the device authorization grant. The form sends the code to
 * the library's device verification endpoint, which checks it (and asks for consent if
 * the client requires it); its answer comes back here.
 */
@Controller
public class DeviceActivationController {

	public static final String PATH = "/activate";

	static final String VIEW = "login/activate";

	@GetMapping(PATH)
	String showActivationForm() {
		return VIEW;
	}

}
