package io.firebreak.web;

import io.firebreak.config.ApiAuthenticationFilter;
import io.firebreak.incident.IncidentActionForbiddenException;
import io.firebreak.incident.IncidentNotFoundException;
import io.firebreak.incident.IncidentReadingForbiddenException;
import io.firebreak.postmortem.PostmortemNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page shares: who is reading (the user and groups the pages' HTTP basic authenticated, as for the API),
 * and the refusals as pages. The handlers live here, in the pages' own class, so they come before the API's advice,
 * which answers the same exceptions with problem details.
 */
abstract class Pages {

  static final String PROBLEM = "problem";

  static String user(HttpServletRequest request) {
    return (String) request.getAttribute(ApiAuthenticationFilter.AUTHENTICATED_USER);
  }

  /** Whether the header offers the sign-out: for an IdP sign-in, which lives in the session the sign-out ends. */
  @ModelAttribute("signOut")
  boolean signOut(HttpServletRequest request) {
    return Boolean.TRUE.equals(request.getAttribute(ApiAuthenticationFilter.SIGNED_IN_WITH_THE_IDP));
  }

  @SuppressWarnings("unchecked")
  static List<String> groups(HttpServletRequest request) {
    Object groups = request.getAttribute(ApiAuthenticationFilter.AUTHENTICATED_GROUPS);
    return groups instanceof List<?> list ? (List<String>) list : List.of();
  }

  /** A filter or search the page cannot take: a 400 page. */
  static final class PageRequestRefused extends RuntimeException {
    PageRequestRefused(String message) {
      super(message);
    }
  }

  @ExceptionHandler({IncidentReadingForbiddenException.class, IncidentActionForbiddenException.class})
  String forbidden(RuntimeException e, Model model, HttpServletResponse response) {
    return problem(HttpStatus.FORBIDDEN, e.getMessage(), model, response);
  }

  @ExceptionHandler({IncidentNotFoundException.class, PostmortemNotFoundException.class})
  String notFound(RuntimeException e, Model model, HttpServletResponse response) {
    return problem(HttpStatus.NOT_FOUND, e.getMessage(), model, response);
  }

  @ExceptionHandler(PageRequestRefused.class)
  String refused(PageRequestRefused e, Model model, HttpServletResponse response) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), model, response);
  }

  private static String problem(HttpStatus status, String message, Model model, HttpServletResponse response) {
    response.setStatus(status.value());
    model.addAttribute("status", status.value());
    model.addAttribute("reason", status.getReasonPhrase());
    model.addAttribute("message", message);
    return PROBLEM;
  }
}
