package io.latchkey.authserver.login;

import java.util.List;
import java.util.UUID;

import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;

import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/**
 * Spring Security's passkey store, with adding and removing a passkey written to the
 * audit trail (the library's registration endpoints publish no event for them). Saving an
 * existing passkey (after each use, for its counter) is not an addition.
 */
class AuditedUserCredentialRepository implements UserCredentialRepository {

	private final UserCredentialRepository credentials;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final AuditLog audit;

	AuditedUserCredentialRepository(UserCredentialRepository credentials,
			PublicKeyCredentialUserEntityRepository userEntities, AuditLog audit) {
		this.credentials = credentials;
		this.userEntities = userEntities;
		this.audit = audit;
	}

	@Override
	public void save(CredentialRecord record) {
		boolean added = this.credentials.findByCredentialId(record.getCredentialId()) == null;
		this.credentials.save(record);
		if (added) {
			record(AuditEventType.FACTOR_ADDED, record);
		}
	}

	@Override
	public void delete(Bytes credentialId) {
		CredentialRecord record = this.credentials.findByCredentialId(credentialId);
		this.credentials.delete(credentialId);
		if (record != null) {
			record(AuditEventType.FACTOR_REMOVED, record);
		}
	}

	@Override
	public CredentialRecord findByCredentialId(Bytes credentialId) {
		return this.credentials.findByCredentialId(credentialId);
	}

	@Override
	public List<CredentialRecord> findByUserId(Bytes userId) {
		return this.credentials.findByUserId(userId);
	}

	private void record(AuditEventType type, CredentialRecord record) {
		PublicKeyCredentialUserEntity user = this.userEntities.findById(record.getUserEntityUserId());
		UUID accountId = (user != null) ? UUID.fromString(user.getName()) : null;
		this.audit.record(type, AuditOutcome.SUCCESS, accountId, null, "passkey " + record.getLabel());
	}

}
