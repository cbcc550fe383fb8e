package io.firebreak.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The webapps' own REST API (Cockpit, Tasklist, Admin under {@code /camunda/api/}) answers a database it cannot reach
 * with a 500 of its own, behind exception mappers Firebreak does not own. While the database is unreachable
 * ({@link DatabaseReachability}) such an answer becomes a 503 with {@code Retry-After}, as everywhere else.
 */
class WebappOutageFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(WebappOutageFilter.class);

  private final DataSource dataSource;

  WebappOutageFilter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, buffered);
    if (buffered.getStatus() >= 500 && !response.isCommitted() && DatabaseReachability.unreachable(dataSource)) {
      log.warn("the database is unreachable: {} {} answered 503 instead of {}", request.getMethod(),
          request.getRequestURI(), buffered.getStatus());
      buffered.resetBuffer();
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader(HttpHeaders.RETRY_AFTER, TryAgainLater.RETRY_AFTER_SECONDS);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.getOutputStream().write(("{\"type\":\"ServiceUnavailable\",\"message\":\""
          + TryAgainLater.MESSAGE + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    buffered.copyBodyToResponse();
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    FilterRegistrationBean<WebappOutageFilter> webappOutage(DataSource dataSource,
        @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
      var registration = new FilterRegistrationBean<>(new WebappOutageFilter(dataSource));
      registration.setName("firebreak-webapp-outage");
      registration.addUrlPatterns(webappPath + "/api/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 101);
      return registration;
    }
  }
}
