package io.firebreak.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The {@link LoginThrottle} in front of every place a password is checked: HTTP basic on {@code /api/**} and
 * {@code /engine-rest/**}, and the webapps' login form. A request presenting a user name is a login attempt; an answer
 * of 401 counts as a failed one. While an address is throttled its attempts are answered 429 with
 * {@code Retry-After} before any password is checked.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;
  private final ObjectMapper json;
  private final String webappPath;

  LoginThrottleFilter(LoginThrottle throttle, ObjectMapper json, String webappPath) {
    this.throttle = throttle;
    this.json = json;
    this.webappPath = webappPath;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String user = attemptedUser(request);
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    Optional<Duration> wait = throttle.waitBefore(address, user);
    if (wait.isPresent()) {
      tooManyAttempts(request, response, wait.get());
      return;
    }
    FailureCounting counting = new FailureCounting(response, () -> throttle.failed(address, user));
    chain.doFilter(request, counting);
    if (counting.counted() || response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      counting.count();
    } else if (passwordAccepted(request)) {
      throttle.succeeded(address, user);
    }
  }

  /**
   * Whether an answer other than 401 means the password was right. On {@code /api} Firebreak knows: its authentication
   * leaves the user in the request. There an answer may also come before any password is checked (Spring Security's
   * firewall refusing the address with 400, a 503 while the database is down), and must not clear the failures.
   */
  private static boolean passwordAccepted(HttpServletRequest request) {
    return !RequestPaths.takesFirebreakCredentials(request)
        || request.getAttribute(ApiAuthenticationFilter.AUTHENTICATED_USER) != null;
  }

  /**
   * Counts a failed login the moment the answer becomes 401, before its body reaches the client: a client that sends
   * its next guess as soon as it reads the answer finds it counted.
   */
  private static final class FailureCounting extends HttpServletResponseWrapper {
    private final Runnable failed;
    private boolean counted;

    FailureCounting(HttpServletResponse response, Runnable failed) {
      super(response);
      this.failed = failed;
    }

    @Override
    public void setStatus(int status) {
      countIfUnauthorized(status);
      super.setStatus(status);
    }

    @Override
    public void sendError(int status) throws IOException {
      countIfUnauthorized(status);
      super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      countIfUnauthorized(status);
      super.sendError(status, message);
    }

    private void countIfUnauthorized(int status) {
      if (status == HttpServletResponse.SC_UNAUTHORIZED) {
        count();
      }
    }

    void count() {
      if (!counted) {
        counted = true;
        failed.run();
      }
    }

    boolean counted() {
      return counted;
    }
  }

  /** The user name a request logs in with, or null when it does not try to log in. */
  private String attemptedUser(HttpServletRequest request) {
    String path = RequestPaths.of(request);
    if (path.startsWith(webappPath + "/api/admin/auth/user/") && path.contains("/login/")
        && "POST".equalsIgnoreCase(request.getMethod())) {
      // Tomcat parses the form; Jersey takes the parameters from the request when the body is already read.
      String user = request.getParameter("username");
      return user == null ? "" : user;
    }
    if (RequestPaths.takesFirebreakCredentials(request) || path.startsWith("/engine-rest/")) {
      return basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
    }
    return null;
  }

  private static String basicUser(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void tooManyAttempts(HttpServletRequest request, HttpServletResponse response, Duration wait)
      throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    ApiProblem.write(request, response, json, HttpStatus.TOO_MANY_REQUESTS,
        "too many failed logins from your address; try again in " + seconds + " s");
  }
}
