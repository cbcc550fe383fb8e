package io.firebreak.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The 401 of {@code /api/**}, as the API answers every error: a problem detail ({@link ApiProblem}) and the HTTP basic challenge. A
 * wrong password says so; no credentials, or an {@code Authorization} header that is not HTTP basic as it should be
 * (not Base64, no colon, no user name), ask for them.
 */
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

  static final String CHALLENGE = "Basic realm=\"Firebreak\", charset=\"UTF-8\"";

  private final ObjectMapper json;

  ApiAuthenticationEntryPoint(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    String message = failure instanceof FirebreakUsers.WrongPassword ? failure.getMessage()
        : "authentication required: HTTP basic with a Firebreak user";
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    ApiProblem.write(request, response, json, HttpStatus.UNAUTHORIZED, message);
  }
}
