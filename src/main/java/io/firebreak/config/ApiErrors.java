package io.firebreak.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.firebreak.config.ApiProblem.FieldProblem;
import jakarta.validation.ConstraintViolationException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What goes wrong in {@code /api} in general, as an {@link ApiProblem}: bad input is a 4xx naming the field, a
 * database that is away a 503 to retry, anything else a 500 that names no internals. Spring MVC's own exceptions are
 * answered by {@link ResponseEntityExceptionHandler} with the wording below. Each feature maps its own exceptions in
 * its own advice ({@code IncidentApiErrors}, {@code AlertApiErrors}, {@code PostmortemApiErrors}), which come first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    List<FieldProblem> fields = e.getBindingResult().getFieldErrors().stream()
        .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
        .toList();
    return problem(e, HttpStatus.BAD_REQUEST, describe(fields), fields, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> fields = e.getParameterValidationResults().stream()
        .flatMap(r -> r.getResolvableErrors().stream()
            .map(err -> new FieldProblem(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
        .toList();
    return problem(e, HttpStatus.BAD_REQUEST, describe(fields), fields, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining("."));
      return problem(e, HttpStatus.BAD_REQUEST, field + ": has the wrong type",
          List.of(new FieldProblem(field, "has the wrong type")), headers, request);
    }
    String detail = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
        ? "a JSON request body is required" : "the request body is not valid JSON";
    return problem(e, HttpStatus.BAD_REQUEST, detail, List.of(), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : e.getPropertyName();
    String allowed = e.getRequiredType() != null && e.getRequiredType().isEnum()
        ? " (one of " + Arrays.toString(e.getRequiredType().getEnumConstants()) + ")" : "";
    String message = "'" + e.getValue() + "' is not a valid value" + allowed;
    return problem(e, HttpStatus.BAD_REQUEST, name + ": " + message, List.of(new FieldProblem(name, message)), headers,
        request);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(e, HttpStatus.BAD_REQUEST, e.getParameterName() + ": is required",
        List.of(new FieldProblem(e.getParameterName(), "is required")), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    return problem(e, HttpStatus.NOT_FOUND, "no such resource: /" + e.getResourcePath(), List.of(), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(e, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "content type " + e.getContentType() + " is not supported; send application/json", List.of(), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(e, HttpStatus.NOT_ACCEPTABLE, "this endpoint answers application/json only", List.of(), headers,
        request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(e, HttpStatus.METHOD_NOT_ALLOWED, "method " + e.getMethod() + " is not allowed here", List.of(),
        headers, request);
  }

  /** What Spring MVC answers itself (its ProblemDetail), sent with the problem media type. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    HttpHeaders answer = new HttpHeaders();
    answer.addAll(headers);
    if (body instanceof ProblemDetail) {
      answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
    return new ResponseEntity<>(body, answer, status);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
    List<FieldProblem> fields = e.getConstraintViolations().stream()
        .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
        .toList();
    return ApiProblem.answer(HttpStatus.BAD_REQUEST, describe(fields), fields);
  }

  @ExceptionHandler(BadUserRequestException.class)
  ResponseEntity<ProblemDetail> badUserRequest(BadUserRequestException e) {
    return ApiProblem.answer(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(BodyTooLargeException.class)
  ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException e) {
    return ApiProblem.answer(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<ProblemDetail> forbidden(AuthorizationException e) {
    return ApiProblem.answer(HttpStatus.FORBIDDEN, e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (TryAgainLater.applies(e)) {
      log.warn("could not record, answering 503: {}", e.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .header(HttpHeaders.RETRY_AFTER, TryAgainLater.RETRY_AFTER_SECONDS)
          .body(TryAgainLater.body());
    }
    log.error("unexpected error in the API", e);
    return ApiProblem.answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the server log has the details");
  }

  private ResponseEntity<Object> problem(Exception e, HttpStatus status, String detail, List<FieldProblem> fields,
      HttpHeaders headers, WebRequest request) {
    return handleExceptionInternal(e, ApiProblem.of(status, detail, fields), headers, status, request);
  }

  private static String describe(List<FieldProblem> fields) {
    return fields.stream().map(f -> f.field() + ": " + f.message()).sorted().collect(Collectors.joining("; "));
  }

  private static String lastNode(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
