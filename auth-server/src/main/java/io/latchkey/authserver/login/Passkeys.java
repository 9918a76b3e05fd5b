package io.latchkey.authserver.login;

import java.util.List;
import java.util.UUID;

import io.latchkey.authserver.account.AccountDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's passkeys, over Spring Security's WebAuthn stores. The WebAuthn user entity
 * is named after the account id, the principal name that the library looks it up by; its
 * display name is the username, which is what authenticators show.
 */
@Component
class Passkeys {

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final UserCredentialRepository credentials;

	Passkeys(PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials) {
		this.userEntities = userEntities;
		this.credentials = credentials;
	}

	/**
	 * Makes sure the account has a user entity with its username for display, before the
	 * library creates one named only by the id.
	 */
	void prepare(UUID accountId, String username) {
		if (this.userEntities.findByUsername(accountId.toString()) != null) {
			return;
		}
		try {
			this.userEntities.save(ImmutablePublicKeyCredentialUserEntity.builder()
				.id(Bytes.random())
				.name(accountId.toString())
				.displayName(username)
				.build());
		}
		catch (DuplicateKeyException ex) {
			// another request of the same person (a second tab) made it at the same
			// moment
		}
	}

	List<CredentialRecord> of(UUID accountId) {
		PublicKeyCredentialUserEntity user = this.userEntities.findByUsername(accountId.toString());
		return (user != null) ? this.credentials.findByUserId(user.getId()) : List.of();
	}

	/** Forgets every passkey of a deleted account, in the deleting transaction. */
	@EventListener
	void accountDeleted(AccountDeleted event) {
		deleteAll(event.accountId());
	}

	/** Forgets every passkey of the account. */
	@Transactional
	void deleteAll(UUID accountId) {
		PublicKeyCredentialUserEntity user = this.userEntities.findByUsername(accountId.toString());
		if (user == null) {
			return;
		}
		for (CredentialRecord credential : this.credentials.findByUserId(user.getId())) {
			this.credentials.delete(credential.getCredentialId());
		}
		this.userEntities.delete(user.getId());
	}

}
