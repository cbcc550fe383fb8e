package io.firebreak.config;

import jakarta.servlet.http.HttpServletRequest;

/** Where a request goes inside Firebreak, as the servlet container resolved it. */
public final class RequestPaths {

  private RequestPaths() {
  }

  /**
   * The path the container mapped the request by: decoded and normalised ({@code //api/x} and
   * {@code /api/alerts/..;/x} are {@code /api/x}), so a filter deciding by it decides as the mapping did. The raw
   * request URI is not: a rule on it can be stepped around.
   */
  public static String of(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
  }

  /**
   * Whether the request calls Firebreak's API as a Firebreak user (HTTP basic): {@code /api} and everything under it,
   * except the alert intake, the webhooks and Slack's requests, whose senders prove themselves with their own token or
   * signature. The one rule for both the password check and the login throttle in front of it, so they cannot drift
   * apart.
   */
  static boolean needsFirebreakUser(HttpServletRequest request) {
    String path = of(request);
    boolean api = path.equals("/api") || path.startsWith("/api/");
    boolean provesItself = path.equals("/api/alerts") || path.startsWith("/api/alerts/")
        || path.startsWith("/api/webhooks/") || path.startsWith("/api/slack/");
    return api && !provesItself;
  }

  /** The paths of Firebreak's own pages (package {@code web}): every one takes a Firebreak user, as {@code /api} does. */
  static final java.util.List<String> PAGES = java.util.List.of("/incidents", "/postmortems", "/insights");

  /** Whether the request is for one of Firebreak's pages ({@link #PAGES} and what is under them). */
  static boolean isPage(HttpServletRequest request) {
    String path = of(request);
    return PAGES.stream().anyMatch(page -> path.equals(page) || path.startsWith(page + "/"));
  }

  /** The sign-in page and the steps of an OpenID Connect sign-in (Spring Security's default paths). */
  static final String SIGN_IN = "/sign-in";
  static final String OIDC_START = "/oauth2/authorization/";
  static final String OIDC_CALLBACK = "/login/oauth2/code/";
  /** The pages' sign-out of an IdP sign-in (a POST with the CSRF token). */
  static final String SIGN_OUT = "/sign-out";

  /** Whether the request is for the sign-in page, a step of the sign-in with OpenID Connect, or the sign-out. */
  static boolean isSignIn(HttpServletRequest request) {
    String path = of(request);
    return path.equals(SIGN_IN) || path.startsWith(OIDC_START) || path.startsWith(OIDC_CALLBACK)
        || path.equals(SIGN_OUT);
  }

  /**
   * Whether the request signs in as a Firebreak user with HTTP basic: the API's ({@link #needsFirebreakUser}) and
   * the pages' ({@link #isPage}). The login throttle counts both alike.
   */
  static boolean takesFirebreakCredentials(HttpServletRequest request) {
    return needsFirebreakUser(request) || isPage(request);
  }
}
