package io.firebreak.postmortem;

import io.firebreak.config.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The postmortem module's refusals as HTTP answers; the rest goes on to the application's error handling. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PostmortemApiErrors {

  @ExceptionHandler(PostmortemNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(PostmortemNotFoundException e) {
    return ApiProblem.answer(HttpStatus.NOT_FOUND, e.getMessage());
  }
}
