package io.firebreak.incident;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/incidents}: what users and tools query about incidents, and declaring one by JSON. */
@RestController
@Validated
@RequestMapping(path = "/api/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentController {

  /** Request attribute the API authentication filter puts the authenticated user id in. */
  static final String AUTHENTICATED_USER = io.firebreak.config.ApiAuthenticationFilter.AUTHENTICATED_USER;
  static final String AUTHENTICATED_GROUPS = io.firebreak.config.ApiAuthenticationFilter.AUTHENTICATED_GROUPS;

  /** An incident with its timeline and the outside steps failing now (retried, or waiting in Cockpit). */
  record IncidentDetails(@JsonUnwrapped Incident incident, List<TimelineEntry> timeline,
                         List<FailingStepsInEngine.FailingStep> failingSteps) {
  }

  /** The JSON body of {@code POST /api/incidents}. */
  record DeclareIncidentRequest(
      @NotBlank @Size(max = IncidentLimits.TITLE) String title,
      @NotNull @Pattern(regexp = "(?i)SEV[1-4]", message = "must be SEV1, SEV2, SEV3 or SEV4") String severity,
      @Pattern(regexp = "(?i)none|minor|major|critical", message = "must be none, minor, major or critical") String impact,
      Boolean customerFacing,
      @Size(max = IncidentLimits.PRODUCT) String product,
      @Size(max = IncidentLimits.ENVIRONMENT) String environment,
      @Size(max = IncidentLimits.DESCRIPTION) String description) {
  }

  /** The JSON body of {@code POST /api/incidents/{key}/notes}; {@link IncidentNotes} checks the text. */
  record NoteRequest(String text) {
  }

  private final IncidentRepository incidents;
  private final IncidentDeclarations declarations;
  private final IncidentReaders readers;
  private final FailingStepsInEngine failingSteps;
  private final IncidentNotes notes;
  private final ProcessEngine engine;

  IncidentController(IncidentRepository incidents, IncidentDeclarations declarations, IncidentReaders readers,
                     FailingStepsInEngine failingSteps, IncidentNotes notes, ProcessEngine engine) {
    this.engine = engine;
    this.incidents = incidents;
    this.declarations = declarations;
    this.readers = readers;
    this.failingSteps = failingSteps;
    this.notes = notes;
  }

  @GetMapping
  List<Incident> list(@RequestParam(required = false) Stage stage,
                      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                      @RequestAttribute(AUTHENTICATED_GROUPS) List<String> groups) {
    readers.audience(groups);
    return incidents.list(stage, limit);
  }

  @GetMapping("/{key}")
  IncidentDetails get(@PathVariable String key, @RequestAttribute(AUTHENTICATED_GROUPS) List<String> groups) {
    IncidentReaders.Audience audience = readers.audience(groups);
    String upper = key.toUpperCase(Locale.ROOT);
    Incident incident = incidents.find(upper).orElseThrow(() -> notRecorded(upper));
    return details(incident, audience);
  }

  /**
   * No incident has this key: an alert's request may have reserved it, and its process still evaluates the alert (the
   * incident is recorded under it once triage or a First Responder declares it) or ended without an incident (the key
   * stays unused).
   */
  private IncidentNotFoundException notRecorded(String key) {
    // The caller may read no process instance in the engine; whether the key was reserved is no secret.
    Authentication caller = engine.getIdentityService().getCurrentAuthentication();
    engine.getIdentityService().clearAuthentication();
    try {
      if (engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY)
          .processInstanceBusinessKey(key).count() > 0) {
        return new IncidentNotFoundException(key, "no incident " + key + " yet: its alert is being evaluated; the "
            + "incident is recorded under this key once it is declared");
      }
      if (engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY)
          .processInstanceBusinessKey(key).count() > 0) {
        return new IncidentNotFoundException(key, "no incident " + key + ": its alert was ignored or dismissed, so "
            + "the key stays unused");
      }
      return new IncidentNotFoundException(key);
    } finally {
      if (caller != null) {
        engine.getIdentityService().setAuthentication(caller);
      }
    }
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<IncidentDetails> declare(@Valid @RequestBody DeclareIncidentRequest request,
                                          @RequestAttribute(AUTHENTICATED_USER) String user) {
    Incident incident = declarations.declare(new IncidentDeclarations.Declaration(
        request.title().trim(),
        Severity.parse(request.severity()),
        request.impact() == null ? null : Impact.parse(request.impact()),
        Boolean.TRUE.equals(request.customerFacing()),
        blankToNull(request.product()),
        blankToNull(request.environment()),
        blankToNull(request.description())), user);
    // whoever may declare (a role group, by the engine's authorization) is a responder
    return ResponseEntity.created(URI.create("/api/incidents/" + incident.key()))
        .body(details(incident, IncidentReaders.Audience.RESPONDER));
  }

  /** A responder's note on the timeline (and in the channel, where there is one): 201 with the entry. */
  @PostMapping(path = "/{key}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TimelineEntry> addNote(@PathVariable String key, @RequestBody NoteRequest request,
                                        @RequestAttribute(AUTHENTICATED_USER) String user,
                                        @RequestAttribute(AUTHENTICATED_GROUPS) List<String> groups) {
    readers.audience(groups);
    TimelineEntry entry = notes.add(key.toUpperCase(Locale.ROOT), user, groups, request.text());
    return ResponseEntity.created(URI.create("/api/incidents/" + key.toUpperCase(Locale.ROOT))).body(entry);
  }

  private IncidentDetails details(Incident incident, IncidentReaders.Audience audience) {
    return new IncidentDetails(incident, readers.timeline(audience, incidents.timeline(incident.key())),
        failingSteps.of(incident));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
