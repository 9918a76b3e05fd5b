package io.latchkey.authserver.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** What the developer portal's client form posts; URIs one per line. */
class ClientForm {

	private String name = "";

	private ClientType type = ClientType.WEB;

	private String redirectUris = "";

	private String postLogoutRedirectUris = "";

	private String backchannelLogoutUri = "";

	private List<String> scopes = new ArrayList<>(List.of("openid"));

	private boolean requireConsent = true;

	private boolean requireMultiFactor;

	private Integer accessTokenMinutes = 5;

	private Integer refreshTokenHours = 8;

	private boolean requireProofKey = true;

	private boolean requirePushedRequests;

	private boolean requireDPoP;

	private String idTokenSigningAlgorithm = "RS256";

	private boolean pairwiseSubjects;

	private String sectorIdentifierUri = "";

	private String jwkSetUri = "";

	private String requestUris = "";

	private boolean deviceGrant;

	private String authenticationMethod = ClientOptions.SECRET;

	private boolean rotateRefreshTokens = true;

	private String logoUri = "";

	private String policyUri = "";

	private String tosUri = "";

	static ClientForm of(RegisteredClient client) {
		ClientDefinition definition = RegisteredClients.definitionOf(client);
		ClientForm form = new ClientForm();
		form.name = definition.name();
		form.type = definition.type();
		form.redirectUris = String.join("\n", definition.redirectUris());
		form.postLogoutRedirectUris = String.join("\n", definition.postLogoutRedirectUris());
		form.backchannelLogoutUri = (definition.backchannelLogoutUri() != null) ? definition.backchannelLogoutUri()
				: "";
		form.scopes = new ArrayList<>(definition.scopes());
		form.requireConsent = definition.requireConsent();
		form.requireMultiFactor = definition.requireMultiFactor();
		form.accessTokenMinutes = (int) definition.accessTokenTimeToLive().toMinutes();
		form.refreshTokenHours = (int) definition.refreshTokenTimeToLive().toHours();
		ClientOptions options = definition.options();
		form.requireProofKey = options.requireProofKey();
		form.requirePushedRequests = options.requirePushedRequests();
		form.requireDPoP = options.requireDPoP();
		form.idTokenSigningAlgorithm = options.idTokenSigningAlgorithm();
		form.pairwiseSubjects = options.pairwiseSubjects();
		form.sectorIdentifierUri = (options.sectorIdentifierUri() != null) ? options.sectorIdentifierUri() : "";
		form.jwkSetUri = (options.jwkSetUri() != null) ? options.jwkSetUri() : "";
		form.requestUris = String.join("\n", options.requestUris());
		form.deviceGrant = options.deviceGrant();
		form.authenticationMethod = options.authenticationMethod();
		form.rotateRefreshTokens = options.rotateRefreshTokens();
		form.logoUri = (options.logoUri() != null) ? options.logoUri() : "";
		form.policyUri = (options.policyUri() != null) ? options.policyUri() : "";
		form.tosUri = (options.tosUri() != null) ? options.tosUri() : "";
		return form;
	}

	ClientDefinition toDefinition() {
		return new ClientDefinition(this.name.trim(), this.type, lines(this.redirectUris),
				lines(this.postLogoutRedirectUris),
				this.backchannelLogoutUri.isBlank() ? null : this.backchannelLogoutUri.trim(),
				new LinkedHashSet<>(this.scopes), this.requireConsent, this.requireMultiFactor,
				(this.accessTokenMinutes != null) ? Duration.ofMinutes(this.accessTokenMinutes) : null,
				(this.refreshTokenHours != null) ? Duration.ofHours(this.refreshTokenHours) : null,
				new ClientOptions(this.requireProofKey, this.requirePushedRequests, this.requireDPoP,
						this.idTokenSigningAlgorithm, this.pairwiseSubjects, this.sectorIdentifierUri, this.jwkSetUri,
						lines(this.requestUris), this.deviceGrant, this.logoUri, this.policyUri, this.tosUri,
						this.authenticationMethod, this.rotateRefreshTokens));
	}

	private static List<String> lines(String text) {
		return Arrays.stream(text.split("\\R")).map(String::trim).filter((line) -> !line.isEmpty()).distinct().toList();
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = (name != null) ? name : "";
	}

	public ClientType getType() {
		return this.type;
	}

	public void setType(ClientType type) {
		this.type = type;
	}

	public String getRedirectUris() {
		return this.redirectUris;
	}

	public void setRedirectUris(String redirectUris) {
		this.redirectUris = (redirectUris != null) ? redirectUris : "";
	}

	public String getPostLogoutRedirectUris() {
		return this.postLogoutRedirectUris;
	}

	public void setPostLogoutRedirectUris(String postLogoutRedirectUris) {
		this.postLogoutRedirectUris = (postLogoutRedirectUris != null) ? postLogoutRedirectUris : "";
	}

	public String getBackchannelLogoutUri() {
		return this.backchannelLogoutUri;
	}

	public void setBackchannelLogoutUri(String backchannelLogoutUri) {
		this.backchannelLogoutUri = (backchannelLogoutUri != null) ? backchannelLogoutUri : "";
	}

	public List<String> getScopes() {
		return this.scopes;
	}

	public void setScopes(List<String> scopes) {
		this.scopes = (scopes != null) ? scopes : new ArrayList<>();
	}

	public boolean isRequireConsent() {
		return this.requireConsent;
	}

	public void setRequireConsent(boolean requireConsent) {
		this.requireConsent = requireConsent;
	}

	public boolean isRequireMultiFactor() {
		return this.requireMultiFactor;
	}

	public void setRequireMultiFactor(boolean requireMultiFactor) {
		this.requireMultiFactor = requireMultiFactor;
	}

	public Integer getAccessTokenMinutes() {
		return this.accessTokenMinutes;
	}

	public void setAccessTokenMinutes(Integer accessTokenMinutes) {
		this.accessTokenMinutes = accessTokenMinutes;
	}

	public Integer getRefreshTokenHours() {
		return this.refreshTokenHours;
	}

	public void setRefreshTokenHours(Integer refreshTokenHours) {
		this.refreshTokenHours = refreshTokenHours;
	}

	public boolean isRequireProofKey() {
		return this.requireProofKey;
	}

	public void setRequireProofKey(boolean requireProofKey) {
		this.requireProofKey = requireProofKey;
	}

	public boolean isRequirePushedRequests() {
		return this.requirePushedRequests;
	}

	public void setRequirePushedRequests(boolean requirePushedRequests) {
		this.requirePushedRequests = requirePushedRequests;
	}

	public boolean isRequireDPoP() {
		return this.requireDPoP;
	}

	public void setRequireDPoP(boolean requireDPoP) {
		this.requireDPoP = requireDPoP;
	}

	public String getIdTokenSigningAlgorithm() {
		return this.idTokenSigningAlgorithm;
	}

	public void setIdTokenSigningAlgorithm(String idTokenSigningAlgorithm) {
		this.idTokenSigningAlgorithm = (idTokenSigningAlgorithm != null) ? idTokenSigningAlgorithm : "RS256";
	}

	public boolean isPairwiseSubjects() {
		return this.pairwiseSubjects;
	}

	public void setPairwiseSubjects(boolean pairwiseSubjects) {
		this.pairwiseSubjects = pairwiseSubjects;
	}

	public String getSectorIdentifierUri() {
		return this.sectorIdentifierUri;
	}

	public void setSectorIdentifierUri(String sectorIdentifierUri) {
		this.sectorIdentifierUri = (sectorIdentifierUri != null) ? sectorIdentifierUri : "";
	}

	public String getJwkSetUri() {
		return this.jwkSetUri;
	}

	public void setJwkSetUri(String jwkSetUri) {
		this.jwkSetUri = (jwkSetUri != null) ? jwkSetUri : "";
	}

	public String getRequestUris() {
		return this.requestUris;
	}

	public void setRequestUris(String requestUris) {
		this.requestUris = (requestUris != null) ? requestUris : "";
	}

	public boolean isDeviceGrant() {
		return this.deviceGrant;
	}

	public void setDeviceGrant(boolean deviceGrant) {
		this.deviceGrant = deviceGrant;
	}

	public boolean isRotateRefreshTokens() {
		return this.rotateRefreshTokens;
	}

	public void setRotateRefreshTokens(boolean rotateRefreshTokens) {
		this.rotateRefreshTokens = rotateRefreshTokens;
	}

	public String getAuthenticationMethod() {
		return this.authenticationMethod;
	}

	public void setAuthenticationMethod(String authenticationMethod) {
		this.authenticationMethod = (authenticationMethod != null) ? authenticationMethod : ClientOptions.SECRET;
	}

	public String getLogoUri() {
		return this.logoUri;
	}

	public void setLogoUri(String logoUri) {
		this.logoUri = (logoUri != null) ? logoUri : "";
	}

	public String getPolicyUri() {
		return this.policyUri;
	}

	public void setPolicyUri(String policyUri) {
		this.policyUri = (policyUri != null) ? policyUri : "";
	}

	public String getTosUri() {
		return this.tosUri;
	}

	public void setTosUri(String tosUri) {
		this.tosUri = (tosUri != null) ? tosUri : "";
	}

}
