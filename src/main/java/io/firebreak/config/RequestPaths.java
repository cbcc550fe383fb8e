package io.firebreak.config;

import jakarta.servlet.http.HttpServletRequest;

/** Where a request goes inside Firebreak, as the servlet container resolved it. */
final class RequestPaths {

  private RequestPaths() {
  }

  /**
   * The path the container mapped the request by: decoded and normalised ({@code //api/x} and
   * {@code /api/alerts/..;/x} are {@code /api/x}), so a filter deciding by it decides as the mapping did. The raw
   * request URI is not: a rule on it can be stepped around.
   */
  static String of(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
  }
}
