package io.latchkey.authserver.admin;

import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.latchkey.authserver.account.AccountAdministration;
import io.latchkey.authserver.account.AccountSummary;
import io.latchkey.authserver.account.UserAccount;
import io.latchkey.authserver.audit.AuditChain;
import io.latchkey.authserver.audit.AuditEventType;
import io.latchkey.authserver.audit.AuditLog;
import io.latchkey.authserver.audit.AuditOutcome;
import io.latchkey.authserver.audit.AuditQuery;
import io.latchkey.authserver.client.ClientRegistrations;
import io.latchkey.authserver.client.RegisteredClients;
import io.latchkey.authserver.key.KeyRotation;

import org.springframework.data.domain.Page;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin console. Every action is audited with the administrator's name. */
@Controller
@RequestMapping(AdminController.PATH)
class AdminController {

	static final String PATH = "/admin";

	static final int CLIENTS_PER_PAGE = 50;

	static final int AUDIT_ROWS = 200;

	private final AccountAdministration accounts;

	private final ClientRegistrations clients;

	private final AuditLog audit;

	private final AuditChain auditChain;

	private final KeyRotation keyRotation;

	AdminController(AccountAdministration accounts, ClientRegistrations clients, AuditLog audit,
			KeyRotation keyRotation, AuditChain auditChain) {
		this.auditChain = auditChain;
		this.keyRotation = keyRotation;
		this.accounts = accounts;
		this.clients = clients;
		this.audit = audit;
	}

	@GetMapping
	String home() {
		return "redirect:" + PATH + "/users";
	}

	@GetMapping("/users")
	String listUsers(@RequestParam(name = "q", defaultValue = "") String query,
			@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
		Page<AccountSummary> users = this.accounts.search(query, page);
		model.addAttribute("users", users);
		model.addAttribute("q", query);
		return "admin/users";
	}

	@GetMapping("/users/{id}")
	String showUser(@PathVariable UUID id, Model model) {
		UserAccount account = this.accounts.find(id);
		model.addAttribute("account", account);
		model.addAttribute("roles", String.join(", ", account.getRoles()));
		model.addAttribute("groups", String.join(", ", account.getGroups()));
		model.addAttribute("events", this.audit.recentFor(id, 20));
		return "admin/user";
	}

	@PostMapping("/users/{id}/lock")
	String lockUser(@PathVariable UUID id, Principal admin, RedirectAttributes redirect) {
		this.accounts.lock(id, adminName(admin));
		return done(redirect, "admin.user.locked", "/users/" + id);
	}

	@PostMapping("/users/{id}/unlock")
	String unlockUser(@PathVariable UUID id, Principal admin, RedirectAttributes redirect) {
		this.accounts.unlock(id, adminName(admin));
		return done(redirect, "admin.user.unlocked", "/users/" + id);
	}

	@PostMapping("/users/{id}/roles")
	String setRoles(@PathVariable UUID id, @RequestParam(name = "roles", defaultValue = "") String roles,
			@RequestParam(name = "groups", defaultValue = "") String groups, Principal admin,
			RedirectAttributes redirect) {
		if (isSelf(admin, id) && !names(roles).contains(BootstrapAdmin.ADMIN)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "error.reason.own-admin-role");
		}
		try {
			this.accounts.setRolesAndGroups(id, names(roles), names(groups), adminName(admin));
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "error.reason.role-names");
		}
		return done(redirect, "admin.user.roles", "/users/" + id);
	}

	@PostMapping("/users/{id}/reset-password")
	String forcePasswordReset(@PathVariable UUID id, Principal admin, RedirectAttributes redirect) {
		this.accounts.forcePasswordReset(id, adminName(admin));
		return done(redirect, "admin.user.reset", "/users/" + id);
	}

	@PostMapping("/users/{id}/delete")
	String deleteUser(@PathVariable UUID id, Principal admin, RedirectAttributes redirect) {
		if (isSelf(admin, id)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "error.reason.own-account");
		}
		this.accounts.delete(id, adminName(admin));
		return done(redirect, "admin.user.deleted", "/users");
	}

	@GetMapping("/clients")
	String listClients(@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
		model.addAttribute("clients", this.clients.all(page, CLIENTS_PER_PAGE).stream().map(this::row).toList());
		model.addAttribute("page", page);
		return "admin/clients";
	}

	@PostMapping("/clients/{id}/disable")
	String disableClient(@PathVariable String id, Principal admin, RedirectAttributes redirect) {
		this.clients.setDisabled(client(id), true, adminId(admin), adminName(admin));
		return done(redirect, "admin.client.disabled", "/clients");
	}

	@PostMapping("/clients/{id}/enable")
	String enableClient(@PathVariable String id, Principal admin, RedirectAttributes redirect) {
		this.clients.setDisabled(client(id), false, adminId(admin), adminName(admin));
		return done(redirect, "admin.client.enabled", "/clients");
	}

	@PostMapping("/clients/{id}/delete")
	String deleteClient(@PathVariable String id, Principal admin, RedirectAttributes redirect) {
		this.clients.delete(client(id), adminId(admin), adminName(admin));
		return done(redirect, "admin.client.deleted", "/clients");
	}

	@GetMapping("/keys")
	String listKeys(Model model) {
		model.addAttribute("keys", this.keyRotation.published());
		return "admin/keys";
	}

	@PostMapping("/keys/rotate")
	String rotateKeys(Principal admin, RedirectAttributes redirect) {
		this.keyRotation.rotateNow();
		this.audit.record(AuditEventType.KEYS_ROTATED, AuditOutcome.SUCCESS, adminId(admin), adminName(admin),
				"successors published, signing after the lead time");
		return done(redirect, "admin.keys.rotated", "/keys");
	}

	@GetMapping("/audit")
	String showAuditTrail(@RequestParam(name = "username", required = false) String username,
			@RequestParam(name = "clientId", required = false) String clientId,
			@RequestParam(name = "type", required = false) String type,
			@RequestParam(name = "from",
					required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			Model model) {
		AuditEventType eventType = Arrays.stream(AuditEventType.values())
			.filter((candidate) -> candidate.name().equals(type))
			.findFirst()
			.orElse(null);
		AuditQuery query = new AuditQuery(username, clientId, eventType,
				(from != null) ? from.atStartOfDay(ZoneOffset.UTC).toInstant() : null,
				(to != null) ? to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null);
		model.addAttribute("events", this.audit.search(query, AUDIT_ROWS));
		model.addAttribute("eventTypes", AuditEventType.values());
		model.addAttribute("query", query);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		return "admin/audit";
	}

	/** Checks the trail's hash chain and names the first event that breaks it. */
	@PostMapping("/audit/verify")
	String verifyAuditTrail(Principal admin, RedirectAttributes redirect) {
		AuditChain.Verification verification = this.auditChain.verify();
		this.audit.record(AuditEventType.AUDIT_VERIFIED,
				verification.intact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, adminId(admin), adminName(admin),
				verification.intact() ? verification.checked() + " events intact"
						: "broken at event " + verification.brokenEventId() + ": " + verification.problem());
		redirect.addFlashAttribute("verification", verification);
		return "redirect:" + PATH + "/audit";
	}

	private ClientRow row(RegisteredClient client) {
		return new ClientRow(client, RegisteredClients.typeOf(client), RegisteredClients.isDisabled(client),
				this.clients.ownerName(client).orElse(null));
	}

	private RegisteredClient client(String id) {
		return this.clients.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "error.reason.no-such-client"));
	}

	private static String done(RedirectAttributes redirect, String message, String path) {
		redirect.addFlashAttribute("saved", message);
		return "redirect:" + PATH + path;
	}

	private static Set<String> names(String text) {
		return Arrays.stream(text.split("[,\\s]+"))
			.map(String::trim)
			.map(String::toLowerCase)
			.filter((name) -> !name.isEmpty())
			.collect(Collectors.toCollection(java.util.TreeSet::new));
	}

	private static boolean isSelf(Principal admin, UUID id) {
		return admin.getName().equals(id.toString());
	}

	private static UUID adminId(Principal admin) {
		return UUID.fromString(admin.getName());
	}

	private String adminName(Principal admin) {
		return this.accounts.find(adminId(admin)).getUsername();
	}

	record ClientRow(RegisteredClient client, Object type, boolean disabled, String owner) {

	}

}
