package io.latchkey.authserver.account;

import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/**
 * A person who can sign in. The id is the subject ({@code sub}) of their tokens: it never
 * changes and is never reused, unlike a username.
 */
@Entity
@Table(name = "user_account")
public class UserAccount {

	@Id
	private UUID id;

	@Column(nullable = false)
	private String username;

	@Column(nullable = false)
	private String email;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Column(name = "display_name")
	private String displayName;

	@Column(name = "given_name")
	private String givenName;

	@Column(name = "family_name")
	private String familyName;

	@Column(name = "locale")
	private String locale;

	@Column(name = "zoneinfo")
	private String zoneinfo;

	@Column(name = "email_verified", nullable = false)
	private boolean emailVerified;

	@Column(nullable = false)
	private boolean enabled;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@ElementCollection
	@CollectionTable(name = "account_role", joinColumns = @JoinColumn(name = "account_id"))
	@Column(name = "role")
	private Set<String> roles = new TreeSet<>();

	@ElementCollection
	@CollectionTable(name = "account_group", joinColumns = @JoinColumn(name = "account_id"))
	@Column(name = "group_name")
	private Set<String> groups = new TreeSet<>();

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected UserAccount() {
	}

	UserAccount(String username, String email, String passwordHash, String displayName) {
		this.id = UUID.randomUUID();
		this.username = normalize(username);
		this.email = normalize(email);
		this.passwordHash = passwordHash;
		this.displayName = displayName;
		this.enabled = true;
		this.createdAt = Instant.now();
		this.updatedAt = this.createdAt;
	}

	/** Usernames and e-mail addresses are compared and stored without case. */
	static String normalize(String value) {
		return (value != null) ? value.trim().toLowerCase(Locale.ROOT) : null;
	}

	public UUID getId() {
		return this.id;
	}

	public String getUsername() {
		return this.username;
	}

	public String getEmail() {
		return this.email;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	void changePasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
		this.updatedAt = Instant.now();
	}

	/** The name to show: the display name when there is one, else the username. */
	public String getName() {
		return (this.displayName != null && !this.displayName.isBlank()) ? this.displayName : this.username;
	}

	public String getDisplayName() {
		return this.displayName;
	}

	public String getGivenName() {
		return this.givenName;
	}

	public String getFamilyName() {
		return this.familyName;
	}

	public String getLocale() {
		return this.locale;
	}

	public String getZoneinfo() {
		return this.zoneinfo;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	void updateProfile(String displayName, String givenName, String familyName, String locale, String zoneinfo) {
		this.displayName = blankToNull(displayName);
		this.givenName = blankToNull(givenName);
		this.familyName = blankToNull(familyName);
		this.locale = blankToNull(locale);
		this.zoneinfo = blankToNull(zoneinfo);
		this.updatedAt = Instant.now();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/**
	 * The roles of the account, lower-case names such as {@code admin} or
	 * {@code developer}.
	 */
	public Set<String> getRoles() {
		return Collections.unmodifiableSet(new TreeSet<>(this.roles));
	}

	public Set<String> getGroups() {
		return Collections.unmodifiableSet(new TreeSet<>(this.groups));
	}

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	void replaceRoles(Set<String> roles) {
		this.roles.clear();
		this.roles.addAll(roles);
		this.updatedAt = Instant.now();
	}

	void replaceGroups(Set<String> groups) {
		this.groups.clear();
		this.groups.addAll(groups);
		this.updatedAt = Instant.now();
	}

	void disable() {
		this.enabled = false;
		this.updatedAt = Instant.now();
	}

	void enable() {
		this.enabled = true;
		this.updatedAt = Instant.now();
	}

	public boolean isEmailVerified() {
		return this.emailVerified;
	}

	void markEmailVerified() {
		this.emailVerified = true;
		this.updatedAt = Instant.now();
	}

	/** Takes a new address that its owner has just proved they receive mail at. */
	void changeVerifiedEmail(String email) {
		this.email = normalize(email);
		this.emailVerified = true;
		this.updatedAt = Instant.now();
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
