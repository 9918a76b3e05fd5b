package io.latchkey.authserver.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.latchkey.authserver.account.AccountAdministration;
import io.latchkey.authserver.account.UserAccountRepository;
import io.latchkey.authserver.client.ClientSecrets;
import io.latchkey.authserver.support.Accounts;
import io.latchkey.authserver.support.AuthServerIntegrationTest;
import io.latchkey.authserver.support.HttpUserAgent;
import io.latchkey.authserver.support.HttpUserAgent.Response;
import io.latchkey.authserver.support.OAuthFlows;
import io.latchkey.authserver.support.OAuthFlows.TokenResponse;
import io.latchkey.authserver.support.Pkce;
import io.latchkey.authserver.support.TestClients;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Generated bad input over every protocol endpoint and the forms of every page, signed in
 * where they need it: each case takes a well-formed request and breaks one thing (a value
 * replaced by something hostile or random, a parameter dropped, added or repeated, a
 * header or JSON member of the wrong kind). Every answer must be below 500, name no
 * internal class, exception or SQL, be in the format its RFC prescribes, carry nothing
 * unescaped, redirect nowhere it should not; and the data stored before the run must be
 * unchanged after it. The seed is printed (set {@value #SEED_PROPERTY} to replay a run)
 * and a failing case prints the request that reproduces it.
 */
@AuthServerIntegrationTest
// a context and database of its own, closed after: thousands of failed sign-ins from one
// address and what valid cases create must not meet the other tests
@TestPropertySource(properties = "latchkey.test.purpose=generated-bad-input")
@DirtiesContext
class GeneratedBadInputIntegrationTests {

	static final String SEED_PROPERTY = "latchkey.bad-input.seed";

	/**
	 * Cases per build; the run also stops at the time bound, after at least the minimum.
	 */
	private static final int CASES = 2400;

	private static final int MINIMUM_CASES = 2000;

	private static final Duration TIME_BOUND = Duration.ofMinutes(4);

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Values an attacker or a broken client sends. */
	private static final List<String> HOSTILE = List.of("", " ", "\t", "null", "undefined", "0", "-1",
			"99999999999999999999999", "1e309", "NaN", "true", "[]", "{}", "{\"a\":", "\"", "'", "\\", "%", "%zz",
			"%2500", "\u0000", "a\u0000b", "\r\nSet-Cookie: x=y", "\u0001\u0002\u001f", "\u007f", "\u00ff", "\uffff",
			"\ud800", "\ud83d\ude00", "\u202eevil", "e\u0301", "Ω≈ç√∫", "😀".repeat(50), "<script>alert(1)</script>",
			"\"'><svg onload=alert(1)>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
			"data:text/html,<script>alert(1)</script>", "http://evil.example/", "//evil.example/",
			"https://evil.example/callback", "http://127.0.0.1:8080/callback/../evil",
			"http://127.0.0.1:8080/callback?x=1#frag", "../../../../etc/passwd", "' or '1'='1",
			"1; drop table user_account; --", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "[[${7*7}]]",
			"__${T(Runtime).getRuntime()}__::.x", "#{7*7}", "*{7*7}", "eyJhbGciOiJub25lIn0.e30.",
			"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "a.b.c.d.e", "Bearer", "Basic", "Basic !!!",
			"openid openid openid", "openid\u0000profile", "code token id_token", "S256", "plain", "none",
			"login consent none", "x".repeat(300), "y".repeat(5000), "z".repeat(70000));

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets clientSecrets;

	@Autowired
	AccountAdministration administration;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	JdbcClient jdbc;

	private String base;

	/** What the latest mutation broke. */
	private Broken broken;

	private record Broken(String how, String name, String value) {

		private static boolean readable(String text) {
			return text.codePoints()
				.noneMatch((c) -> c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f
						|| !Character.isDefined(c));
		}

		/**
		 * Whether the client and its redirect URI are still those registered, and
		 * readable.
		 */
		boolean leavesClientAndRedirectUriValid() {
			// what cannot be read at all is refused before the request is
			// (web.UnreadableInputFilter)
			boolean readable = (this.value == null || readable(this.value)) && readable(this.name);
			// a state longer than README's bound cannot be carried back (RFC 6749 4.1.2)
			boolean returnable = !"state".equals(this.name) || this.value == null || this.value.length() <= 2048;
			return readable && returnable && !"client_id".equals(this.name) && !"redirect_uri".equals(this.name)
					&& !"repeated".equals(this.how);
		}

	}

	private Random random;

	@Test
	void everyEndpointAndFormAnswersGeneratedBadInputCorrectly() {
		long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
		this.random = new Random(seed);
		this.base = "http://localhost:" + this.port;
		Fixture fixture = fixture();
		// the account the admin forms work on may change, as its admin asked
		Map<String, String> before = snapshot();
		before.remove("account " + fixture.victimId());
		List<Target> targets = targets(fixture);
		Map<String, int[]> verdicts = new TreeMap<>();
		long deadline = System.nanoTime() + TIME_BOUND.toNanos();
		int cases = 0;
		while (cases < CASES && (cases < MINIMUM_CASES || System.nanoTime() < deadline)) {
			Target target = targets.get(this.random.nextInt(targets.size()));
			this.broken = null;
			Request request = target.make(this);
			if (request == null) {
				continue;
			}
			Response answer = send(target, request);
			String problem = problemWith(target, request, answer);
			if (problem != null) {
				fail("Case " + (cases + 1) + " of seed " + seed + " (-D" + SEED_PROPERTY + "=" + seed + "): " + problem
						+ "\n  request: " + request.describe() + "\n  answer: " + answer.status() + " "
						+ answer.headers().getOrDefault("content-type", List.of()) + " " + abbreviate(answer.body()));
			}
			verdicts.computeIfAbsent(target.format() + " " + answer.status(), (key) -> new int[1])[0]++;
			cases++;
		}
		System.out.printf("generated bad input: seed %d, %d cases over %d targets; answers by format and status: %s%n",
				seed, cases, targets.size(),
				verdicts.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + "=" + entry.getValue()[0])
					.collect(Collectors.joining(", ")));
		assertThat(cases).isGreaterThanOrEqualTo(MINIMUM_CASES);
		// what valid cases created is new; what was there before is as it was
		Map<String, String> after = snapshot();
		List<String> changed = before.keySet()
			.stream()
			.filter((key) -> !before.get(key).equals(after.get(key)))
			.map((key) -> key + ": " + before.get(key) + " -> " + after.get(key))
			.toList();
		assertThat(changed).as("data stored before the run, changed").isEmpty();
	}

	// --- what the run works with

	private record Fixture(RegisteredClient client, RegisteredClient service, HttpUserAgent person,
			HttpUserAgent anonymous, String accessToken, UUID victimId) {

	}

	private Fixture fixture() {
		RegisteredClient client = TestClients.webClient(this.clients, this.clientSecrets, false);
		RegisteredClient service = TestClients.serviceClient(this.clients, this.clientSecrets);
		HttpUserAgent person = new HttpUserAgent(this.base);
		String username = Accounts.newUsername();
		Accounts.register(person, username);
		this.administration.setRolesAndGroups(this.accounts.findByUsername(username).orElseThrow().getId(),
				Set.of("developer", "admin"), Set.of(), "test");
		person.follow(Accounts.signIn(person, username, Accounts.PASSWORD));
		OAuthFlows flows = new OAuthFlows(person);
		Pkce pkce = Pkce.generate();
		String code = flows
			.code(flows.authorize(flows.authorizationUrl(client.getClientId(), "openid profile", pkce, Map.of())));
		TokenResponse tokens = flows.exchangeCode(client.getClientId(), code, pkce.verifier());
		String victim = Accounts.newUsername();
		Accounts.register(new HttpUserAgent(this.base), victim);
		return new Fixture(client, service, person, new HttpUserAgent(this.base), tokens.get("access_token"),
				this.accounts.findByUsername(victim).orElseThrow().getId());
	}

	/**
	 * Every protocol endpoint, and every page form that does not end the run's own
	 * session.
	 */
	private List<Target> targets(Fixture f) {
		String clientId = f.client().getClientId();
		Map<String, String> authorize = Map.of("response_type", "code", "client_id", clientId, "redirect_uri",
				TestClients.REDIRECT_URI, "scope", "openid profile", "state", "s1", "nonce", "n1", "code_challenge",
				Pkce.generate().challenge(), "code_challenge_method", "S256");
		String basic = basic(clientId, TestClients.SECRET);
		List<Target> targets = new ArrayList<>();
		targets.add(Target.params("authorize (anonymous)", "GET", "/oauth2/authorize", authorize, Format.AUTHORIZE,
				f.anonymous(), null));
		targets.add(Target.params("authorize (signed in)", "GET", "/oauth2/authorize", authorize, Format.AUTHORIZE,
				f.person(), null));
		targets.add(Target.params("authorize by POST", "POST", "/oauth2/authorize", authorize, Format.AUTHORIZE,
				f.person(), null));
		targets.add(Target.params(
				"token: code", "POST", "/oauth2/token", Map.of("grant_type", "authorization_code", "code", "abc",
						"redirect_uri", TestClients.REDIRECT_URI, "code_verifier", Pkce.generate().verifier()),
				Format.OAUTH_JSON, null, basic));
		targets.add(Target.params("token: refresh", "POST", "/oauth2/token",
				Map.of("grant_type", "refresh_token", "refresh_token", "not-a-refresh-token", "scope", "openid"),
				Format.OAUTH_JSON, null, basic));
		targets.add(Target.params("token: client credentials", "POST", "/oauth2/token",
				Map.of("grant_type", "client_credentials", "scope", "messages.read"), Format.OAUTH_JSON, null,
				basic(f.service().getClientId(), TestClients.SECRET)));
		targets.add(Target.params(
				"token: device code", "POST", "/oauth2/token", Map.of("grant_type",
						"urn:ietf:params:oauth:grant-type:device_code", "device_code", "xyz", "client_id", clientId),
				Format.OAUTH_JSON, null, null));
		targets.add(Target.params("token: exchange", "POST", "/oauth2/token",
				Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token",
						f.accessToken(), "subject_token_type", "urn:ietf:params:oauth:token-type:access_token"),
				Format.OAUTH_JSON, null, basic));
		targets.add(Target.params(
				"token: secret in the form", "POST", "/oauth2/token", Map.of("grant_type", "client_credentials",
						"client_id", f.service().getClientId(), "client_secret", TestClients.SECRET),
				Format.OAUTH_JSON, null, null));
		targets.add(Target.params("introspection", "POST", "/oauth2/introspect",
				Map.of("token", f.accessToken(), "token_type_hint", "access_token"), Format.OAUTH_JSON, null, basic));
		targets.add(Target.params("revocation", "POST", "/oauth2/revoke",
				Map.of("token", "not-a-token", "token_type_hint", "refresh_token"), Format.OAUTH_JSON, null, basic));
		Map<String, String> pushed = new LinkedHashMap<>(authorize);
		targets.add(Target.params("pushed request", "POST", "/oauth2/par", pushed, Format.OAUTH_JSON, null, basic));
		targets.add(Target.params("device authorization", "POST", "/oauth2/device_authorization",
				Map.of("client_id", clientId, "scope", "openid"), Format.OAUTH_JSON, null, null));
		targets.add(Target.params("userinfo by GET", "GET", "/userinfo", Map.of(), Format.USERINFO, null,
				"Bearer " + f.accessToken()));
		targets.add(Target.params("userinfo by POST", "POST", "/userinfo", Map.of("access_token", f.accessToken()),
				Format.USERINFO, null, null));
		targets.add(Target.params("end session", "GET", "/connect/logout",
				Map.of("post_logout_redirect_uri", "http://127.0.0.1:8080/", "client_id", clientId, "state", "s2"),
				Format.PAGE, f.anonymous(), null));
		targets.add(Target.registration(f.person()));
		targets.add(Target.params("discovery", "GET", "/.well-known/openid-configuration", Map.of(), Format.DOCUMENT,
				null, null));
		targets.add(Target.params("keys", "GET", "/oauth2/jwks", Map.of(), Format.DOCUMENT, null, null));
		// pages and their forms
		targets.add(Target.form("sign-in", "/login", "form[action$=/login]", f.anonymous()));
		targets.add(Target.form("registration", "/register", "form[action$=/register]", f.anonymous()));
		targets.add(
				Target.form("forgotten password", "/forgot-password", "form[action$=/forgot-password]", f.anonymous()));
		targets.add(Target.form("new verification mail", "/verify-email/resend", "form[action$=/verify-email/resend]",
				f.anonymous()));
		targets.add(Target.params("reset link", "GET", "/reset-password", Map.of("token", "abc"), Format.PAGE,
				f.anonymous(), null));
		targets.add(Target.params("verification link", "GET", "/verify-email", Map.of("token", "abc"), Format.PAGE,
				f.anonymous(), null));
		targets.add(Target.form("profile", "/account/details", "form[action$=/account/details]", f.person()));
		targets.add(Target.form("e-mail change", "/account/email", "form[action$=/account/email]", f.person()));
		targets.add(Target.form("password change", "/account/password", "form[action$=/account/password]", f.person()));
		targets.add(Target.form("account deletion", "/account/delete", "form[action$=/account/delete]", f.person()));
		targets.add(Target.form("authenticator app", "/account/security/totp", "form[action$=/account/security/totp]",
				f.person()));
		targets.add(Target.form("device code", "/activate", "form[action$=/oauth2/device_verification]", f.person()));
		targets.add(Target.form("new client", "/developer/clients/new", "form[action$=/developer/clients/new]",
				f.person()));
		targets.add(Target.params("admin: users", "GET", "/admin/users", Map.of("q", "user", "page", "0"), Format.PAGE,
				f.person(), null));
		targets.add(Target.params("admin: audit", "GET", "/admin/audit", Map.of("username", "x", "clientId", clientId,
				"type", "SIGNED_IN", "from", "2026-01-01", "to", "2026-12-31"), Format.PAGE, f.person(), null));
		targets.add(Target.form("admin: roles", "/admin/users/" + f.victimId(), "form[action$=/roles]", f.person()));
		targets.add(Target.form("admin: lock", "/admin/users/" + f.victimId(), "form[action$=/lock]", f.person()));
		return targets;
	}

	/** What must not change: accounts, clients and keys as stored before the run. */
	private Map<String, String> snapshot() {
		Map<String, String> rows = new TreeMap<>();
		this.jdbc.sql("select id, username, email, password_hash, email_verified, enabled from user_account")
			.query()
			.listOfRows()
			.forEach((row) -> rows.put("account " + row.get("id"), row.toString()));
		this.jdbc
			.sql("select id, client_id, client_secret, redirect_uris, scopes, client_settings"
					+ " from oauth2_registered_client")
			.query()
			.listOfRows()
			.forEach((row) -> rows.put("client " + row.get("id"), row.toString()));
		this.jdbc.sql("select kid from signing_key")
			.query(String.class)
			.list()
			.forEach((kid) -> rows.put("key " + kid, kid));
		return rows;
	}

	// --- making a case

	enum Format {

		/** RFC 6749 5.2 and its kin: JSON with an error code, 401 with a challenge. */
		OAUTH_JSON,
		/** RFC 6750 3: a challenge with the error code on 401 and 403. */
		USERINFO,
		/** RFC 7591 3.2.2: JSON errors of registration. */
		REGISTRATION,
		/** RFC 6749 4.1.2.1: back to the registered redirect URI, or a page. */
		AUTHORIZE,
		/** A page: HTML, redirects only to this server or a registered URI. */
		PAGE,
		/** Discovery and keys: JSON whatever is sent. */
		DOCUMENT

	}

	record Request(String method, String url, String contentType, String body, Map<String, String> headers,
			HttpUserAgent agent) {

		String describe() {
			return this.method + " " + this.url
					+ this.headers.keySet().stream().map((name) -> " -H " + name).collect(Collectors.joining())
					+ ((this.body != null) ? " --data " + abbreviate(this.body) : "")
					+ ((this.agent != null) ? " (with the target's cookies)" : "");
		}

	}

	private interface Maker {

		Request make(GeneratedBadInputIntegrationTests run);

	}

	record Target(String name, Format format, Maker maker) {

		Request make(GeneratedBadInputIntegrationTests run) {
			return this.maker.make(run);
		}

		/**
		 * A request of parameters (query for GET, form body for POST), maybe
		 * authenticated.
		 */
		static Target params(String name, String method, String path, Map<String, String> params, Format format,
				HttpUserAgent agent, String authorization) {
			return new Target(name, format, (run) -> {
				List<String[]> fields = run.mutate(params);
				Map<String, String> headers = new LinkedHashMap<>();
				if (authorization != null) {
					headers.put("Authorization", run.random.nextInt(8) == 0 ? run.hostileHeader() : authorization);
				}
				String encoded = encode(fields);
				if ("GET".equals(method)) {
					// a request line past Tomcat's 8 KB is refused by the container
					// itself
					if (encoded.length() > 6000) {
						return null;
					}
					return new Request(method, run.base + path + (encoded.isEmpty() ? "" : "?" + encoded), null, null,
							headers, agent);
				}
				return new Request(method, run.base + path, "application/x-www-form-urlencoded", encoded, headers,
						agent);
			});
		}

		/** A page's form as the browser would send it, with one thing broken. */
		static Target form(String name, String page, String selector, HttpUserAgent agent) {
			return new Target(name, Format.PAGE, (run) -> {
				Response shown = agent.get(page);
				Element form = (shown.status() == 200) ? shown.document().selectFirst(selector) : null;
				if (form == null) {
					return null;
				}
				Map<String, String> values = new LinkedHashMap<>();
				for (Element field : form.select("input[name], textarea[name], select[name]")) {
					String type = field.attr("type");
					if (("checkbox".equals(type) || "radio".equals(type)) && !field.hasAttr("checked")) {
						continue;
					}
					String value = field.is("select")
							? field.select("option[selected]").eachAttr("value").stream().findFirst().orElse("")
							: field.is("textarea") ? field.text() : field.attr("value");
					values.putIfAbsent(field.attr("name"), value);
				}
				String action = form.absUrl("action");
				return new Request("POST", action.isEmpty() ? shown.uri().toString() : action,
						"application/x-www-form-urlencoded", encode(run.mutate(values)), Map.of(), agent);
			});
		}

		/**
		 * Registration with a fresh initial access token from the portal and broken
		 * metadata.
		 */
		static Target registration(HttpUserAgent developer) {
			return new Target("registration", Format.REGISTRATION, (run) -> {
				Response minted = developer.submitForm("/developer/clients",
						"form[action$=/developer/clients/registration-token]", Map.of());
				String token = developer.follow(minted).document().select("#initial-access-token").text();
				Map<String, Object> metadata = new LinkedHashMap<>();
				metadata.put("client_name", "Generated");
				metadata.put("redirect_uris", List.of(TestClients.REDIRECT_URI));
				metadata.put("grant_types", List.of("authorization_code", "refresh_token"));
				metadata.put("response_types", List.of("code"));
				metadata.put("scope", "openid profile");
				metadata.put("token_endpoint_auth_method", "client_secret_basic");
				String body = run.mutateJson(metadata);
				Map<String, String> headers = new LinkedHashMap<>();
				headers.put("Authorization",
						token.isEmpty() || run.random.nextInt(10) == 0 ? run.hostileHeader() : "Bearer " + token);
				return new Request("POST", run.base + "/connect/register", "application/json", body, headers, null);
			});
		}

	}

	/** The parameters with one thing broken, as name and value pairs. */
	private List<String[]> mutate(Map<String, String> params) {
		List<String[]> fields = new ArrayList<>();
		params.forEach((name, value) -> fields.add(new String[] { name, value }));
		int kind = this.random.nextInt(10);
		if (fields.isEmpty() || kind == 0) {
			String[] added = { this.random.nextBoolean() ? hostile() : "scope", hostile() };
			fields.add(added);
			this.broken = new Broken("added", added[0], added[1]);
		}
		else if (kind == 1) {
			String[] removed = fields.remove(this.random.nextInt(fields.size()));
			this.broken = new Broken("removed", removed[0], null);
		}
		else if (kind == 2) {
			String[] repeated = fields.get(this.random.nextInt(fields.size()));
			String[] again = { repeated[0], hostile() };
			fields.add(again);
			this.broken = new Broken("repeated", again[0], again[1]);
		}
		else {
			String[] changed = fields.get(this.random.nextInt(fields.size()));
			changed[1] = hostile();
			this.broken = new Broken("changed", changed[0], changed[1]);
		}
		return fields;
	}

	/**
	 * The metadata with one member of the wrong value or kind, or a body that is not
	 * JSON.
	 */
	private String mutateJson(Map<String, Object> metadata) {
		int kind = this.random.nextInt(10);
		if (kind == 0) {
			return hostile();
		}
		List<String> names = new ArrayList<>(metadata.keySet());
		String name = (kind == 1) ? hostile() : names.get(this.random.nextInt(names.size()));
		Object value = switch (this.random.nextInt(6)) {
			case 0 -> null;
			case 1 -> this.random.nextInt();
			case 2 -> List.of(hostile(), hostile());
			case 3 -> Map.of(hostile(), hostile());
			case 4 -> this.random.nextBoolean();
			default -> hostile();
		};
		metadata.put(name, value);
		return json.writeValueAsString(metadata);
	}

	private String hostile() {
		if (this.random.nextInt(4) > 0) {
			return HOSTILE.get(this.random.nextInt(HOSTILE.size()));
		}
		// random text: printable, control, and far-away characters, of any length to 300
		StringBuilder text = new StringBuilder();
		int length = this.random.nextInt(300);
		for (int i = 0; i < length; i++) {
			int pick = this.random.nextInt(10);
			text.appendCodePoint((pick < 6) ? 0x20 + this.random.nextInt(0x5f)
					: (pick < 8) ? this.random.nextInt(0x20) : 0xa0 + this.random.nextInt(0x2ff60));
		}
		return text.toString();
	}

	private String hostileHeader() {
		// headers past Tomcat's 8 KB are refused by the container before the application
		String value = hostile().replaceAll("[^\\x20-\\x7e]", "");
		value = value.substring(0, Math.min(value.length(), 2000));
		return switch (this.random.nextInt(4)) {
			case 0 -> "Bearer " + value;
			case 1 -> "Basic " + value;
			case 2 ->
				"Basic " + Base64.getEncoder().encodeToString((value + ":" + value).getBytes(StandardCharsets.UTF_8));
			default -> value.isEmpty() ? "x" : value;
		};
	}

	private static String basic(String clientId, String secret) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
					+ URLEncoder.encode(secret, StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(List<String[]> fields) {
		return fields.stream()
			.map((field) -> URLEncoder.encode(field[0], StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field[1], StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private Response send(Target target, Request request) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", target.format() == Format.PAGE || target.format() == Format.AUTHORIZE ? "text/html"
					: "application/json");
		request.headers().forEach(builder::header);
		if (request.body() != null) {
			builder.header("Content-Type", request.contentType())
				.method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
		}
		else {
			builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
		}
		HttpUserAgent agent = (request.agent() != null) ? request.agent() : new HttpUserAgent(this.base);
		return agent.send(builder);
	}

	// --- judging an answer

	private static final List<String> LEAKS = List.of("Exception", "java.lang", "java.sql", "org.springframework",
			"org.hibernate", "org.postgresql", "com.zaxxer", "io.latchkey", "PSQL", "SQLState", "SQL state", "\tat ",
			"Whitelabel", "stack trace", "duplicate key", "violates ");

	private static final List<String> UNESCAPED = List.of("<script>alert(1)", "<svg onload", "<img src=x onerror");

	private static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
			"unauthorized_client", "unsupported_grant_type", "invalid_scope", "invalid_target", "invalid_dpop_proof",
			"authorization_pending", "slow_down", "access_denied", "expired_token", "unsupported_token_type",
			"invalid_request_uri", "invalid_request_object", "unsupported_response_type");

	/** RFC 7591 section 3.2.2 (bad metadata is never a bare invalid_request). */
	private static final Set<String> REGISTRATION_ERRORS = Set.of("invalid_client_metadata", "invalid_redirect_uri",
			"invalid_software_statement", "unapproved_software_statement");

	private String problemWith(Target target, Request request, Response answer) {
		if (answer.status() >= 500) {
			return target.name() + ": a server error";
		}
		String body = answer.body();
		for (String leak : LEAKS) {
			if (body.contains(leak) && !request.describe().contains(leak)) {
				return target.name() + ": the answer names internals (" + leak + ")";
			}
		}
		String type = String.valueOf(answer.header("Content-Type"));
		if (type.startsWith("text/html")) {
			for (String markup : UNESCAPED) {
				if (body.contains(markup)) {
					return target.name() + ": markup from the request is unescaped";
				}
			}
		}
		if (answer.isRedirect()) {
			String location = answer.location();
			URI resolved;
			try {
				resolved = URI.create(request.url()).resolve(location);
			}
			catch (IllegalArgumentException ex) {
				return target.name() + ": the Location is not a URI: " + location;
			}
			boolean here = resolved.toString().startsWith(this.base + "/");
			boolean registered = resolved.toString().startsWith(TestClients.REDIRECT_URI + "?")
					|| resolved.toString().startsWith("http://127.0.0.1:8080/?")
					|| resolved.toString().equals("http://127.0.0.1:8080/");
			if (!here && !registered) {
				return target.name() + ": redirected to " + location;
			}
			if (target.format() == Format.AUTHORIZE && registered && !location.contains("code=")
					&& !location.contains("error=")) {
				return target.name() + ": back at the client without code or error";
			}
		}
		return switch (target.format()) {
			case OAUTH_JSON -> oauthError(answer, OAUTH_ERRORS, target.name());
			// the initial access token is a bearer token: its errors are RFC 6750's
			case REGISTRATION -> (answer.status() == 201) ? null : (answer.status() == 401 || answer.status() == 403)
					? userInfoError(answer, target.name()) : oauthError(answer, REGISTRATION_ERRORS, target.name());
			case USERINFO -> userInfoError(answer, target.name());
			// no RFC error format here: the document, or input refused before it (a NUL)
			case DOCUMENT -> ((answer.status() == 200 || answer.status() == 400) && type.startsWith("application/json"))
					? null : target.name() + ": the document is not served";
			// RFC 6749 4.1.2.1: with the client and its redirect URI valid, errors go
			// back to it
			case AUTHORIZE ->
				(answer.status() == 400 && this.broken != null && this.broken.leavesClientAndRedirectUriValid())
						? target.name() + ": a page for an error the client should have had (" + this.broken + ")"
						: pageError(answer, type, target.name());
			case PAGE -> pageError(answer, type, target.name());
		};
	}

	private static String pageError(Response answer, String type, String name) {
		return (answer.status() >= 400 && !type.startsWith("text/html") && answer.status() != 405)
				? name + ": an error that is not a page" : null;
	}

	private static String oauthError(Response answer, Set<String> codes, String name) {
		if (answer.status() < 400) {
			return null;
		}
		if (!String.valueOf(answer.header("Content-Type")).startsWith("application/json")) {
			return name + ": an error that is not JSON";
		}
		Object error = read(answer.body()).get("error");
		if (!codes.contains(String.valueOf(error))) {
			return name + ": the error code " + error + " is not one its RFC names";
		}
		if (answer.status() == 401 && answer.header("WWW-Authenticate") == null) {
			return name + ": 401 without a challenge";
		}
		return null;
	}

	private static String userInfoError(Response answer, String name) {
		if (answer.status() < 400) {
			return null;
		}
		String challenge = answer.header("WWW-Authenticate");
		if ((answer.status() == 401 || answer.status() == 403) && challenge == null) {
			return name + ": " + answer.status() + " without a challenge (RFC 6750 3)";
		}
		if (challenge == null && !answer.body().contains("\"error\"")) {
			return name + ": an error without a code";
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(String body) {
		try {
			return json.readValue(body, Map.class);
		}
		catch (RuntimeException ex) {
			return Map.of();
		}
	}

	private static String abbreviate(String text) {
		String oneLine = text.replace('\n', ' ');
		return (oneLine.length() > 400) ? oneLine.substring(0, 400) + "…" : oneLine;
	}

}
