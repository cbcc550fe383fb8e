package io.firebreak.config;

import io.firebreak.config.FirebreakUsers.FirebreakUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Date;
import java.util.Objects;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.util.ServletContextUtil;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The Camunda webapps (Tasklist, Cockpit, Admin) for an employee signed in with the IdP on Firebreak's pages
 * ({@link OidcUsers}): Camunda's container-based authentication, whose provider ({@link IdpSignIn}) takes the user from
 * the pages' sign-in in the servlet session the webapps share (one {@code JSESSIONID} on one host). The webapps then
 * hold that Camunda user with the groups and tenants the pages act with, and decide as for their own login: which
 * apps the user's authorizations open (a viewer gets no Cockpit), and what the engine lets them see and do.
 *
 * <p>Unlike Camunda's filter it never answers 401 itself: without an IdP sign-in, or for an employee who has no Camunda
 * user, the request goes on to the webapps' own login form, so Camunda's users keep logging in as before. The latest
 * sign-in wins: the form's login starts a new session (Camunda's), an IdP sign-in replaces the form's user. Signing out
 * of a webapp ends the IdP sign-in too, or the next page would sign the employee straight back in.
 *
 * <p>Spring Security's filter stays off the webapps ({@link SecurityConfiguration}): this reads the session's security
 * context as Spring Security stored it, and the webapps keep their own CSRF, headers and sessions.
 */
class WebappSignIn extends ContainerBasedAuthenticationFilter {

  /** The webapps' sign-out (Tasklist's, Cockpit's and Admin's menu), below the webapps' path. */
  private static final Pattern SIGN_OUT = Pattern.compile("/api/admin/auth/user/[^/]+/logout");

  WebappSignIn() {
    authenticationProvider = new IdpSignIn();
  }

  /** The provider is set above, not named by an init parameter: nothing to read. */
  @Override
  public void init(FilterConfig filterConfig) {
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String engineName = extractEngineName(http);
    ProcessEngine engine = engineName == null ? null : getAddressedEngine(engineName);
    if (engine != null) {
      AuthenticationResult idp = authenticationProvider.extractAuthenticatedUser(http, engine);
      if (idp.isAuthenticated()) {
        signIn(http, engine, idp);
      }
    }
    boolean signingOut = "POST".equals(http.getMethod()) && SIGN_OUT.matcher(getRequestUri(http)).matches()
        && signedInUser(http) != null;
    chain.doFilter(request, response);
    if (signingOut) {
      HttpSession session = http.getSession(false);
      if (session != null) {
        session.invalidate();
      }
    }
  }

  /**
   * The IdP's user as the webapps' user of this engine, unless the session holds exactly that already. Camunda's own
   * refresh of a login (every {@code camunda.bpm.webapp.auth.cache.time-to-live}) would read the groups anew from its
   * identity service and drop those the IdP's groups map to: the user is made anew here before that time comes.
   */
  private void signIn(HttpServletRequest request, ProcessEngine engine, AuthenticationResult idp) {
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(request.getSession());
    if (authentications.getAuthenticationForProcessEngine(engine.getName()) instanceof UserAuthentication known
        && known.getIdentityId().equals(idp.getAuthenticatedUser())
        && Objects.equals(known.getGroupIds(), idp.getGroups())
        && Objects.equals(known.getTenantIds(), idp.getTenants())
        && stillValid(known)) {
      return;
    }
    UserAuthentication authentication = createAuthentication(engine, idp.getAuthenticatedUser(), idp.getGroups(),
        idp.getTenants());
    if (authentication == null) {
      // No Camunda user with that id (an employee Firebreak knows by e-mail only): the webapps ask for their login.
      return;
    }
    Date validUntil = ServletContextUtil.getAuthCacheValidationTime(request.getServletContext());
    authentication.setCacheValidationTime(validUntil);
    authentications.addOrReplace(authentication);
    AuthenticationUtil.updateSession(request.getSession(), authentications);
  }

  /** Whether Camunda's refresh of this login is not due yet (or never, with its cache switched off). */
  private static boolean stillValid(UserAuthentication known) {
    Date validUntil = known.getCacheValidationTime();
    return validUntil == null || ClockUtil.getCurrentTime().before(validUntil);
  }

  /** The Firebreak user the pages' IdP sign-in in this request's session made, or null. */
  static FirebreakUser signedInUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object stored = session == null ? null
        : session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    if (stored instanceof SecurityContext context && context.getAuthentication() != null
        && context.getAuthentication().getPrincipal() instanceof OidcUsers.SignedIn signedIn) {
      return signedIn.firebreakUser();
    }
    return null;
  }

  /** Camunda's question "who is this request's user": the IdP's, as the pages mapped them. */
  static final class IdpSignIn implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
      FirebreakUser user = signedInUser(request);
      if (user == null) {
        return AuthenticationResult.unsuccessful();
      }
      AuthenticationResult result = AuthenticationResult.successful(user.id());
      result.setGroups(user.groups());
      result.setTenants(user.tenants());
      return result;
    }

    /** Never asked: without an IdP sign-in the webapps' own login answers. */
    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    }
  }
}
