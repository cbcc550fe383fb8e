package io.firebreak.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.firebreak.incident.IncidentNotFoundException;
import io.firebreak.postmortem.PostmortemNotFoundException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns what goes wrong in {@code /api} into a JSON {@link ApiError}: bad input is a 4xx naming the field. */
@RestControllerAdvice
class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
    List<ApiError.FieldProblem> fields = e.getBindingResult().getFieldErrors().stream()
        .map(f -> new ApiError.FieldProblem(f.getField(), f.getDefaultMessage()))
        .toList();
    return error(HttpStatus.BAD_REQUEST, describe(fields), fields);
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ApiError> invalidParameter(HandlerMethodValidationException e) {
    List<ApiError.FieldProblem> fields = e.getParameterValidationResults().stream()
        .flatMap(r -> r.getResolvableErrors().stream()
            .map(err -> new ApiError.FieldProblem(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
        .toList();
    return error(HttpStatus.BAD_REQUEST, describe(fields), fields);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ApiError> constraintViolation(ConstraintViolationException e) {
    List<ApiError.FieldProblem> fields = e.getConstraintViolations().stream()
        .map(v -> new ApiError.FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
        .toList();
    return error(HttpStatus.BAD_REQUEST, describe(fields), fields);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining("."));
      List<ApiError.FieldProblem> fields = List.of(new ApiError.FieldProblem(field, "has the wrong type"));
      return error(HttpStatus.BAD_REQUEST, field + ": has the wrong type", fields);
    }
    String message = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
        ? "a JSON request body is required" : "the request body is not valid JSON";
    return error(HttpStatus.BAD_REQUEST, message, List.of());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
    String allowed = e.getRequiredType() != null && e.getRequiredType().isEnum()
        ? " (one of " + java.util.Arrays.toString(e.getRequiredType().getEnumConstants()) + ")" : "";
    String message = "'" + e.getValue() + "' is not a valid value" + allowed;
    return error(HttpStatus.BAD_REQUEST, e.getName() + ": " + message, List.of(new ApiError.FieldProblem(e.getName(), message)));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
    return error(HttpStatus.BAD_REQUEST, e.getParameterName() + ": is required",
        List.of(new ApiError.FieldProblem(e.getParameterName(), "is required")));
  }

  @ExceptionHandler(BadUserRequestException.class)
  ResponseEntity<ApiError> badUserRequest(BadUserRequestException e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage(), List.of());
  }

  @ExceptionHandler(io.firebreak.alert.AlertPayloadException.class)
  ResponseEntity<ApiError> badAlert(io.firebreak.alert.AlertPayloadException e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(new ApiError.FieldProblem(e.field(), e.getMessage()
        .substring(e.field().length() + 2))));
  }

  @ExceptionHandler(BodyTooLargeException.class)
  ResponseEntity<ApiError> tooLarge(BodyTooLargeException e) {
    return error(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage(), List.of());
  }

  @ExceptionHandler({IncidentNotFoundException.class, PostmortemNotFoundException.class})
  ResponseEntity<ApiError> notFound(RuntimeException e) {
    return error(HttpStatus.NOT_FOUND, e.getMessage(), List.of());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
    return error(HttpStatus.NOT_FOUND, "no such resource: /" + e.getResourcePath(), List.of());
  }

  @ExceptionHandler(io.firebreak.incident.IncidentReadingForbiddenException.class)
  ResponseEntity<ApiError> mayNotRead(io.firebreak.incident.IncidentReadingForbiddenException e) {
    return error(HttpStatus.FORBIDDEN, e.getMessage(), List.of());
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<ApiError> forbidden(AuthorizationException e) {
    return error(HttpStatus.FORBIDDEN, e.getMessage(), List.of());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
    return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "content type " + e.getContentType() + " is not supported; send application/json", List.of());
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return error(HttpStatus.NOT_ACCEPTABLE, "this endpoint answers application/json only", List.of());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
    return error(HttpStatus.METHOD_NOT_ALLOWED, "method " + e.getMethod() + " is not allowed here", List.of());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e) {
    if (TryAgainLater.applies(e)) {
      log.warn("could not record, answering 503: {}", e.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
          .header(org.springframework.http.HttpHeaders.RETRY_AFTER, TryAgainLater.RETRY_AFTER_SECONDS)
          .body(TryAgainLater.body());
    }
    log.error("unexpected error in the API", e);
    return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the server log has the details", List.of());
  }

  private static String describe(List<ApiError.FieldProblem> fields) {
    return fields.stream().map(f -> f.field() + ": " + f.message()).sorted().collect(Collectors.joining("; "));
  }

  private static String lastNode(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

  private static ResponseEntity<ApiError> error(HttpStatus status, String message, List<ApiError.FieldProblem> fields) {
    return ResponseEntity.status(status)
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .body(new ApiError(status.value(), status.getReasonPhrase(), message, fields));
  }
}
