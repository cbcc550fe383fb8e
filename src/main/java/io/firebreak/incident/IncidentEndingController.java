package io.firebreak.incident;

import io.firebreak.config.ApiAuthenticationFilter;
import io.firebreak.config.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * {@code POST /api/incidents/{key}/end}: the Incident Manager ends the incident as a false alarm
 * ({@code {"as": "false-alarm"}}) or as a duplicate ({@code {"as": "duplicate", "of": "INC-7"}}), as "End the incident
 * as" in Lead the fix does: the API completes that task with the same fields.
 */
@RestController
@RequestMapping(path = "/api/incidents/{key}/end", produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentEndingController {

  record EndRequest(
      @NotBlank @Pattern(regexp = "(?i)false-alarm|duplicate", message = "must be false-alarm or duplicate") String as,
      @Size(max = 32) String of) {
  }

  record Ended(String key, String endedAs, String duplicateOf, String resolutionSummary) {
  }

  private final IncidentRepository incidents;
  private final TaskService tasks;

  IncidentEndingController(IncidentRepository incidents, @org.springframework.context.annotation.Lazy TaskService tasks) {
    this.incidents = incidents;
    this.tasks = tasks;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  Ended end(@PathVariable String key, @Valid @RequestBody EndRequest request,
            @RequestAttribute(ApiAuthenticationFilter.AUTHENTICATED_USER) String user) {
    Incident incident = incidents.get(key.toUpperCase(Locale.ROOT));
    IncidentEndings.Ending ending = IncidentEndings.Ending.parse(request.as());
    String duplicateOf = null;
    if (ending == IncidentEndings.Ending.DUPLICATE) {
      duplicateOf = IncidentEndings.duplicateKey(request.of(), "field 'of'");
      if (incidents.find(duplicateOf).isEmpty()) {
        throw new BadUserRequestException("There is no incident " + duplicateOf + " (field 'of')");
      }
    }
    if (!user.equals(incident.roles().incidentManager())) {
      throw new Refused(HttpStatus.FORBIDDEN, "Only the Incident Manager of " + incident.key() + " ("
          + (incident.roles().incidentManager() == null ? "nobody yet" : incident.roles().incidentManager())
          + ") ends it as a false alarm or a duplicate");
    }
    Task leadTheFix = tasks.createTaskQuery().processInstanceId(incident.processInstanceId())
        .taskDefinitionKey(IncidentProcess.Elements.LEAD_THE_FIX).singleResult();
    if (leadTheFix == null) {
      throw new Refused(HttpStatus.CONFLICT, incident.key() + " is " + incident.stage().name().toLowerCase(Locale.ROOT)
          + ", not in the fix: it can be ended as a false alarm or a duplicate while its Incident Manager leads the fix");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(IncidentProcess.Variables.END_AS, ending.value());
    variables.put(IncidentProcess.Variables.DUPLICATE_OF, duplicateOf);
    try {
      tasks.complete(leadTheFix.getId(), variables);
    } catch (ProcessEngineException e) {
      Throwable cause = e;
      while (cause.getCause() != null && !(cause instanceof BadUserRequestException)) {
        cause = cause.getCause();
      }
      if (cause instanceof BadUserRequestException refused) {
        throw new BadUserRequestException(refused.getMessage().replace("form field 'duplicateOf'", "field 'of'"));
      }
      throw e;
    }
    Incident ended = incidents.get(incident.key());
    return new Ended(ended.key(), ending.value(), duplicateOf, ended.resolutionSummary());
  }

  /** A request the incident's state or the caller's role refuses. */
  static final class Refused extends RuntimeException {
    private final HttpStatus status;

    Refused(HttpStatus status, String message) {
      super(message);
      this.status = status;
    }
  }

  @RestControllerAdvice(assignableTypes = IncidentEndingController.class)
  @Order(Ordered.HIGHEST_PRECEDENCE)
  static class Errors {
    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused e) {
      return ApiProblem.answer(e.status, e.getMessage());
    }
  }
}
