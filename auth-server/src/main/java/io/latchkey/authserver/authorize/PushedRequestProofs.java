package io.latchkey.authserver.authorize;

import java.io.IOException;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import io.latchkey.authserver.client.RequestWithParameters;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A DPoP proof sent to the PAR endpoint binds the code like {@code dpop_jkt} does (RFC
 * 9449 section 10.1: an authorization server with both must take either): the proof is
 * checked (signature, {@code htm}, {@code htu}, {@code iat}, replay) and its key's
 * thumbprint becomes the request's {@code dpop_jkt}; when both are sent they must name
 * the same key. The token endpoint then asks for a proof of that key.
 */
final class PushedRequestProofs extends OncePerRequestFilter {

	static final String DPOP_JKT = "dpop_jkt";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final RequestMatcher pushedRequests;

	private final DPoPProofJwtDecoderFactory proofs = new DPoPProofJwtDecoderFactory();

	PushedRequestProofs(String pushedRequestEndpoint) {
		this.pushedRequests = PathPatternRequestMatcher.withDefaults().matcher(pushedRequestEndpoint);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.pushedRequests.matches(request) || request.getHeader("DPoP") == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String thumbprint = thumbprintOf(request);
		if (thumbprint == null) {
			refuse(response, "The DPoP proof is not valid for this request");
			return;
		}
		String named = request.getParameter(DPOP_JKT);
		if (named != null && !named.equals(thumbprint)) {
			refuse(response, "dpop_jkt and the DPoP proof name different keys");
			return;
		}
		Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
		parameters.put(DPOP_JKT, new String[] { thumbprint });
		chain.doFilter(new RequestWithParameters(request, parameters), response);
	}

	/**
	 * The proof's key thumbprint, once the proof is checked; null when it is not valid.
	 */
	private String thumbprintOf(HttpServletRequest request) {
		String proof = request.getHeader("DPoP");
		try {
			DPoPProofContext context = DPoPProofContext.withDPoPProof(proof)
				.method(request.getMethod())
				.targetUri(request.getRequestURL().toString())
				.build();
			Jwt verified = this.proofs.createDecoder(context).decode(proof);
			@SuppressWarnings("unchecked")
			JWK key = JWK.parse((Map<String, Object>) verified.getHeaders().get("jwk"));
			return key.computeThumbprint().toString();
		}
		catch (JwtException | IllegalArgumentException | JOSEException | ParseException ex) {
			return null;
		}
	}

	private static void refuse(HttpServletResponse response, String description) throws IOException {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter()
			.write(json.writeValueAsString(Map.of("error", "invalid_dpop_proof", "error_description", description)));
	}

}
