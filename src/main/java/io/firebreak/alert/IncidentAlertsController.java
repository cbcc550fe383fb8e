package io.firebreak.alert;

import io.firebreak.config.ApiAuthenticationFilter;
import io.firebreak.config.ApiProblem;
import io.firebreak.incident.IncidentReaders;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * {@code /api/incidents/{key}/alerts}: the alerts tracked on an incident, and splitting one off into an incident of its
 * own ({@code POST …/alerts/split {"fingerprint": "…"}}) when its group or the storm guard put it there.
 */
@RestController
@RequestMapping(path = "/api/incidents/{key}/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentAlertsController {

  /** The body of a split request. */
  record SplitRequest(@NotBlank @Size(max = io.firebreak.incident.IncidentLimits.FINGERPRINT) String fingerprint) {
  }

  private final AlertIntake intake;
  private final IncidentReaders readers;

  IncidentAlertsController(AlertIntake intake, IncidentReaders readers) {
    this.intake = intake;
    this.readers = readers;
  }

  /** Read as the incident is: by responders and viewers. */
  @GetMapping
  List<AttachedAlert> alerts(@PathVariable String key,
                                           @RequestAttribute(ApiAuthenticationFilter.AUTHENTICATED_GROUPS) List<String> groups) {
    readers.audience(groups);
    return intake.alertsOf(key.toUpperCase(Locale.ROOT));
  }

  @PostMapping(path = "/split", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<AlertOutcome> split(@PathVariable String key, @Valid @RequestBody SplitRequest request,
                                     @RequestAttribute(ApiAuthenticationFilter.AUTHENTICATED_USER) String user) {
    AlertOutcome outcome = intake.splitOff(key.toUpperCase(Locale.ROOT), request.fingerprint().trim(), user);
    return ResponseEntity.status(201).body(outcome);
  }

  /** This module's refusals as HTTP answers; everything else goes to the application's error handling. */
  @RestControllerAdvice(assignableTypes = IncidentAlertsController.class)
  @Order(Ordered.HIGHEST_PRECEDENCE)
  static class Errors {
    @ExceptionHandler(AlertSplitRefused.class)
    ResponseEntity<ProblemDetail> refused(AlertSplitRefused e) {
      return ApiProblem.answer(e.status(), e.getMessage());
    }
  }
}
