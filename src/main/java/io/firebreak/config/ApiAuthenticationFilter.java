package io.firebreak.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP basic authentication for {@code /api/**} against Camunda's identity service. The authenticated user is the
 * engine's current authentication for the request, so the engine's authorizations apply to what the API does.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  public static final String AUTHENTICATED_USER = "io.firebreak.authenticatedUser";
  /** Request attribute with the authenticated user's group ids, a {@code List<String>}. */
  public static final String AUTHENTICATED_GROUPS = "io.firebreak.authenticatedGroups";

  private final IdentityService identityService;
  private final ObjectMapper json;

  ApiAuthenticationFilter(IdentityService identityService, ObjectMapper json) {
    this.identityService = identityService;
    this.json = json;
  }

  /** Alert sources authenticate with their own secrets (see the alert controller), not as Camunda users. */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = RequestPaths.of(request);
    // Alert sources and webhooks prove themselves with their own token or signature, not a Firebreak user.
    return path.equals("/api/alerts") || path.startsWith("/api/alerts/") || path.startsWith("/api/webhooks/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String[] credentials = credentials(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (credentials == null) {
      unauthorized(response, "authentication required: HTTP basic with a Firebreak user");
      return;
    }
    if (!identityService.checkPassword(credentials[0], credentials[1])) {
      unauthorized(response, "wrong user name or password");
      return;
    }
    String user = credentials[0];
    List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    List<String> tenants = identityService.createTenantQuery().userMember(user).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
    identityService.setAuthentication(user, groups, tenants);
    request.setAttribute(AUTHENTICATED_USER, user);
    request.setAttribute(AUTHENTICATED_GROUPS, groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static String[] credentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void unauthorized(HttpServletResponse response, String message) throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Firebreak\", charset=\"UTF-8\"");
    ApiProblem.write(response, json, HttpStatus.UNAUTHORIZED, message);
  }
}
