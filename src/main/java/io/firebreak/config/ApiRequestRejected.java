package io.firebreak.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * What Spring Security's firewall refuses on {@code /api/**} (a {@code ;} or dot segment in the path, an encoded
 * {@code %}, {@code /} or {@code .}, a method outside the standard ones) is a 400 in the API's JSON, before any password
 * is checked, instead of a bare error page.
 */
class ApiRequestRejected implements RequestRejectedHandler {

  static final String MESSAGE = "this address or method is not accepted: no ';', dot segments or encoded '%', '/', '.'"
      + " in the path, and only the standard HTTP methods";

  private static final Logger log = LoggerFactory.getLogger(ApiRequestRejected.class);

  private final ObjectMapper json;

  ApiRequestRejected(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    log.debug("refused {} {}: {}", request.getMethod(), request.getRequestURI(), rejected.getMessage());
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    ApiProblem.write(request, response, json, HttpStatus.BAD_REQUEST, MESSAGE);
  }
}
