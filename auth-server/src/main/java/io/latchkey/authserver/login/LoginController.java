package io.latchkey.authserver.login;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

	static final String VIEW = "login/login";

	@GetMapping("/login")
	String showLoginPage() {
		return VIEW;
	}

}
