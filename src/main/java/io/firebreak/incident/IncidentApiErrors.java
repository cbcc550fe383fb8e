package io.firebreak.incident;

import io.firebreak.config.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The incident module's refusals as HTTP answers, wherever they are thrown (the postmortem and alert APIs look
 * incidents up too); what is not the incident's goes on to the application's error handling.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IncidentApiErrors {

  @ExceptionHandler(IncidentNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(IncidentNotFoundException e) {
    return ApiProblem.answer(HttpStatus.NOT_FOUND, e.getMessage());
  }

  /** What a rule refuses when the API calls it directly: a 400 with the rule's message, as Tasklist shows it. */
  @ExceptionHandler(RejectedInput.class)
  ResponseEntity<ProblemDetail> rejected(RejectedInput e) {
    return ApiProblem.answer(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  /** The caller reads the incident but may not act on it. */
  @ExceptionHandler(IncidentActionForbiddenException.class)
  ResponseEntity<ProblemDetail> mayNotAct(IncidentActionForbiddenException e) {
    return ApiProblem.answer(HttpStatus.FORBIDDEN, e.getMessage());
  }

  /** The caller is signed in but is neither a responder of the incident nor an incident viewer. */
  @ExceptionHandler(IncidentReadingForbiddenException.class)
  ResponseEntity<ProblemDetail> mayNotRead(IncidentReadingForbiddenException e) {
    return ApiProblem.answer(HttpStatus.FORBIDDEN, e.getMessage());
  }
}
