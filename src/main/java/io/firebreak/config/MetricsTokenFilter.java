package io.firebreak.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/prometheus} answers only to the scrape token ({@code Authorization: Bearer <token>}, compared in
 * constant time). Without a configured token nobody gets in; the other actuator paths ({@code /actuator/health}) stay
 * as they are.
 */
class MetricsTokenFilter extends OncePerRequestFilter {

  private static final String PATH = "/actuator/prometheus";

  private final byte[] token;
  private final ObjectMapper json;

  MetricsTokenFilter(String token, ObjectMapper json) {
    this.token = token == null ? new byte[0] : token.trim().getBytes(StandardCharsets.UTF_8);
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = RequestPaths.of(request);
    return !(path.equals(PATH) || path.startsWith(PATH + "/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (token.length == 0) {
      unauthorized(request, response, "metrics are not configured: set FIREBREAK_METRICS_TOKEN");
      return;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      unauthorized(request, response, "authentication required: Authorization: Bearer with the metrics token");
      return;
    }
    byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(presented, token)) {
      unauthorized(request, response, "wrong metrics token");
      return;
    }
    chain.doFilter(request, response);
  }

  private void unauthorized(HttpServletRequest request, HttpServletResponse response, String message)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Firebreak metrics\"");
    ApiProblem.write(request, response, json, HttpStatus.UNAUTHORIZED, message);
  }
}
