package io.latchkey.authserver.account;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface UserAccountRepository extends JpaRepository<UserAccount, UUID> {

	Optional<UserAccount> findByUsername(String username);

	/**
	 * The account with its roles and groups, in one query (sign-in and tokens need both).
	 */
	@EntityGraph(attributePaths = { "roles", "groups" })
	Optional<UserAccount> findWithRolesAndGroupsById(UUID id);

	@EntityGraph(attributePaths = { "roles", "groups" })
	Optional<UserAccount> findWithRolesAndGroupsByUsername(String username);

	@EntityGraph(attributePaths = { "roles", "groups" })
	Optional<UserAccount> findWithRolesAndGroupsByEmail(String email);

	Optional<UserAccount> findByEmail(String email);

	/**
	 * The account, its row locked until the transaction ends: changes that replace its
	 * collections wait for each other instead of inserting the same rows twice.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select a from UserAccount a where a.id = :id")
	Optional<UserAccount> findForUpdateById(@Param("id") UUID id);

	boolean existsByUsername(String username);

	boolean existsByEmail(String email);

	Page<UserAccount> findByUsernameContainingOrEmailContaining(String username, String email, Pageable page);

	@Query("select count(a) > 0 from UserAccount a join a.roles r where r = :role")
	boolean existsByRole(@Param("role") String role);

	/** A username or address as stored and compared: trimmed, without case. */
	static String normalizeName(String usernameOrEmail) {
		return UserAccount.normalize(usernameOrEmail);
	}

	/** The account a sign-in form names, by username or (with an @) by e-mail address. */
	default Optional<UserAccount> findByUsernameOrEmail(String usernameOrEmail) {
		String key = UserAccount.normalize(usernameOrEmail);
		if (key == null) {
			return Optional.empty();
		}
		return key.contains("@") ? findByEmail(key) : findByUsername(key);
	}

	/** As {@link #findByUsernameOrEmail}, with roles and groups in the same query. */
	default Optional<UserAccount> findWithRolesAndGroupsByUsernameOrEmail(String usernameOrEmail) {
		String key = UserAccount.normalize(usernameOrEmail);
		if (key == null) {
			return Optional.empty();
		}
		return key.contains("@") ? findWithRolesAndGroupsByEmail(key) : findWithRolesAndGroupsByUsername(key);
	}

}
