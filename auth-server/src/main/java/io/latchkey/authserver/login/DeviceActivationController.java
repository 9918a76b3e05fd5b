package io.latchkey.authserver.login;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

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
	String showActivationForm(@RequestParam(name = "invalid", required = false) String invalid, Model model) {
		// the field is marked invalid (and takes the focus) after a wrong code
		model.addAttribute("invalid", invalid != null);
		return VIEW;
	}

}
