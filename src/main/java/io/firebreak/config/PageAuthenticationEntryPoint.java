package io.firebreak.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The 401 of Firebreak's pages (or, with an IdP, the way to {@code /sign-in} for a browser): the HTTP basic challenge, so a browser asks for the user and password, and a short
 * page for whoever cancels the dialog. Nothing of the request goes into it.
 */
class PageAuthenticationEntryPoint implements AuthenticationEntryPoint {

  /** Whether a browser signs in at the IdP ({@link OidcSignIn}): then one without credentials goes to the sign-in. */
  private final boolean signInAtTheIdp;

  PageAuthenticationEntryPoint(boolean signInAtTheIdp) {
    this.signInAtTheIdp = signInAtTheIdp;
  }

  private static final String PAGE = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>Sign in · Firebreak</title></head>
      <body><h1>Sign in to Firebreak</h1><p>%s</p></body></html>
      """;

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    // A request with credentials is a script's (or a browser's that chose basic): it gets basic's answer, never a redirect.
    if (signInAtTheIdp && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
      response.sendRedirect(request.getContextPath() + RequestPaths.SIGN_IN);
      return;
    }
    String message = failure instanceof FirebreakUsers.WrongPassword
        ? "The user name or password was wrong."
        : "These pages take your Firebreak user and password, as the API does.";
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, ApiAuthenticationEntryPoint.CHALLENGE);
    response.setContentType("text/html;charset=UTF-8");
    response.getOutputStream().write(PAGE.formatted(message).getBytes(StandardCharsets.UTF_8));
  }
}
