package io.firebreak.incident;

import io.firebreak.config.ApiError;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** What a rule rejects when the API calls it directly: a 400 with the rule's message, as Tasklist shows it. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RejectedInputErrors {

  @ExceptionHandler(RejectedInput.class)
  ResponseEntity<ApiError> rejected(RejectedInput e) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(HttpStatus.BAD_REQUEST.value(), HttpStatus.BAD_REQUEST.getReasonPhrase(), e.getMessage(),
            List.of()));
  }
}
