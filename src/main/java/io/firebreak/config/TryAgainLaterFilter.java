package io.firebreak.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outermost filter: what escapes the filters behind it because the database is unreachable (the authentication
 * filters check passwords in Camunda's identity tables before any controller or exception mapper runs) is answered
 * {@code 503} with {@code Retry-After} instead of the servlet container's 500. Everything else passes unchanged.
 */
public class TryAgainLaterFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(TryAgainLaterFilter.class);

  private final ObjectMapper json;

  TryAgainLaterFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!TryAgainLater.applies(e) || response.isCommitted()) {
        throw e;
      }
      log.warn("could not serve {} {}, answering 503: {}", request.getMethod(), request.getRequestURI(), e.toString());
      // Keeps the headers outer filters set; drops whatever the failed filters had written.
      response.resetBuffer();
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader(HttpHeaders.RETRY_AFTER, TryAgainLater.RETRY_AFTER_SECONDS);
      String path = request.getRequestURI().substring(request.getContextPath().length());
      boolean engineRest = path.startsWith("/engine-rest/");
      // The engine's REST API keeps Camunda's error format; Firebreak's own answers are problem details.
      response.setContentType(engineRest ? MediaType.APPLICATION_JSON_VALUE : MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      Object body = engineRest ? EngineRestErrors.unavailableBody() : ApiProblem.at(request, TryAgainLater.body());
      json.writeValue(response.getOutputStream(), body);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    FilterRegistrationBean<TryAgainLaterFilter> tryAgainLater(ObjectMapper json) {
      var registration = new FilterRegistrationBean<>(new TryAgainLaterFilter(json));
      registration.setName("firebreak-try-again-later");
      registration.addUrlPatterns("/*");
      // Before the authentication filters (default order) and Camunda's webapp filters.
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
      return registration;
    }
  }
}
