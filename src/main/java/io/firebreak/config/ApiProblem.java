package io.firebreak.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Every error Firebreak's own API answers with is an RFC 9457 problem detail ({@code application/problem+json}):
 * {@code status}, {@code title} (the status's reason), {@code detail} (what was wrong, for a person) and, when request
 * fields were wrong, {@code fields}: each field with what was wrong with it, and {@code instance}, the request's path
 * (README, API). Controllers, exception
 * handlers and servlet filters all build it here, so one format goes out wherever a request is refused.
 */
public final class ApiProblem {

  /** The name of the extension member that lists the wrong request fields. */
  public static final String FIELDS = "fields";

  private ApiProblem() {
  }

  /** A request field that was wrong, and why. */
  public record FieldProblem(String field, String message) {
  }

  public static ProblemDetail of(HttpStatusCode status, String detail) {
    return of(status, detail, List.of());
  }

  public static ProblemDetail of(HttpStatusCode status, String detail, List<FieldProblem> fields) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    HttpStatus known = HttpStatus.resolve(status.value());
    problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
    if (!fields.isEmpty()) {
      problem.setProperty(FIELDS, fields);
    }
    return problem;
  }

  public static ResponseEntity<ProblemDetail> answer(HttpStatusCode status, String detail) {
    return answer(status, detail, List.of());
  }

  public static ResponseEntity<ProblemDetail> answer(HttpStatusCode status, String detail, List<FieldProblem> fields) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(of(status, detail, fields));
  }

  /**
   * For servlet filters, which answer before Spring MVC: the same body, with the request's path as its
   * {@code instance} as Spring MVC sets it, written to the response.
   */
  public static void write(HttpServletRequest request, HttpServletResponse response, ObjectMapper json,
                           HttpStatusCode status, String detail) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), at(request, of(status, detail)));
  }

  /** The problem with the request's path as its {@code instance}, as Spring MVC sets it on what handlers return. */
  public static ProblemDetail at(HttpServletRequest request, ProblemDetail problem) {
    try {
      problem.setInstance(URI.create(request.getRequestURI()));
    } catch (IllegalArgumentException notAUri) {
      // a path Tomcat let through that is no URI: the problem goes without an instance
    }
    return problem;
  }
}
