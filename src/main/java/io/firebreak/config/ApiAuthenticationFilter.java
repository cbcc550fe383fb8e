package io.firebreak.config;

import io.firebreak.config.FirebreakUsers.FirebreakUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last step of Spring Security's chain for {@code /api/**} ({@link SecurityConfiguration}): the user HTTP basic
 * authenticated ({@link FirebreakUsers}), or the one an OpenID Connect sign-in mapped ({@link OidcUsers}), is the engine's current authentication for the request, so the engine's
 * authorizations apply to what the API does, and the controllers find the user and the user's groups in the request
 * attributes {@link #AUTHENTICATED_USER} and {@link #AUTHENTICATED_GROUPS}.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  public static final String AUTHENTICATED_USER = "io.firebreak.authenticatedUser";
  /** Request attribute with the authenticated user's group ids, a {@code List<String>}. */
  public static final String AUTHENTICATED_GROUPS = "io.firebreak.authenticatedGroups";
  /**
   * Request attribute, {@code Boolean.TRUE} when the user signed in with the IdP (a session the pages' sign-out ends);
   * absent for HTTP basic, which a browser keeps sending until it is closed.
   */
  public static final String SIGNED_IN_WITH_THE_IDP = "io.firebreak.signedInWithTheIdp";

  private final IdentityService identityService;

  ApiAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The sign-in page is for whoever has not signed in yet: no user to act as. */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return RequestPaths.isSignIn(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    Object principal = authentication == null ? null : authentication.getPrincipal();
    FirebreakUser user = principal instanceof FirebreakUser byPassword ? byPassword
        : principal instanceof OidcUsers.SignedIn byIdp ? byIdp.firebreakUser() : null;
    if (user == null) {
      // Spring Security's authorization in front lets only authenticated users through: this is a mistake in the chain.
      throw new IllegalStateException("the API chain let a request through without a Firebreak user: " + authentication);
    }
    identityService.setAuthentication(user.id(), user.groups(), user.tenants());
    request.setAttribute(AUTHENTICATED_USER, user.id());
    request.setAttribute(AUTHENTICATED_GROUPS, user.groups());
    if (principal instanceof OidcUsers.SignedIn) {
      request.setAttribute(SIGNED_IN_WITH_THE_IDP, Boolean.TRUE);
    }
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
