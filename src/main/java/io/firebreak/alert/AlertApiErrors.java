package io.firebreak.alert;

import io.firebreak.config.ApiProblem;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The alert module's refusals as HTTP answers; what is not the alert's goes on to the application's error handling. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AlertApiErrors {

  /** A payload that is not what its source sends: 400, naming the field. */
  @ExceptionHandler(AlertPayloadException.class)
  ResponseEntity<ProblemDetail> badAlert(AlertPayloadException e) {
    return ApiProblem.answer(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(new ApiProblem.FieldProblem(e.field(),
        e.getMessage().substring(e.field().length() + 2))));
  }
}
