package io.firebreak.config;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code X-Content-Type-Options: nosniff} on every answer: browsers take the declared content type (our JSON and
 * Markdown never run as script or render as HTML). Set before anything else runs, so it is on answers written by the
 * authentication filters and on error pages too.
 */
class ContentTypeOptionsFilter implements Filter {

  static final String HEADER = "X-Content-Type-Options";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (response instanceof HttpServletResponse http) {
      http.setHeader(HEADER, "nosniff");
    }
    chain.doFilter(request, response);
  }
}
