package io.firebreak.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * The pages' CSRF token is made when a form first asks for it, in the middle of the page; its cookie would then come
 * after the first bytes of a long page, too late for the response's headers. Asking for it before the page is
 * rendered writes the cookie first.
 */
final class PageCsrfToken {

  private PageCsrfToken() {
  }

  static void writeCookieBeforeTheBody(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
      token.getToken();
    }
    chain.doFilter(request, response);
  }
}
