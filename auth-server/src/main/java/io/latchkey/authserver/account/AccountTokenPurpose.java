package io.latchkey.authserver.account;

/** What a link sent by e-mail lets its holder do. The names are stored. */
enum AccountTokenPurpose {

	VERIFY_EMAIL, RESET_PASSWORD, CHANGE_EMAIL

}
