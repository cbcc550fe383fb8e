package io.firebreak.web;

import io.firebreak.alert.AlertIntake;
import io.firebreak.incident.FailingStepsInEngine;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentNotes;
import io.firebreak.incident.IncidentReaders;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.OpenTasks;
import io.firebreak.incident.RejectedInput;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Stage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /incidents} and {@code /incidents/{key}}: the incidents, open ones first, and one incident with its timeline. */
@Controller
class IncidentPages extends Pages {

  static final String LIST = "incidents";
  static final String ONE = "incident";
  /** While incidents are open, the pages reload themselves this often. */
  static final int REFRESH_SECONDS = 30;
  /** The newest incidents the list shows. */
  static final int LIST_LIMIT = 200;
  static final Set<Stage> OPEN_STAGES = Set.of(Stage.OPEN, Stage.FIX);

  private final IncidentRepository incidents;
  private final IncidentReaders readers;
  private final IncidentNotes notes;
  private final AlertIntake alerts;
  private final OpenTasks tasks;
  private final FailingStepsInEngine failingSteps;
  private final String tasklist;

  IncidentPages(IncidentRepository incidents, IncidentReaders readers, IncidentNotes notes, AlertIntake alerts,
                OpenTasks tasks, FailingStepsInEngine failingSteps,
                @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    this.incidents = incidents;
    this.readers = readers;
    this.notes = notes;
    this.alerts = alerts;
    this.tasks = tasks;
    this.failingSteps = failingSteps;
    this.tasklist = webappPath + "/app/tasklist/default/#/?task=";
  }

  @GetMapping("/incidents")
  String list(@RequestParam(required = false) String stage, @RequestParam(required = false) String severity,
              HttpServletRequest request, Model model) {
    readers.audience(groups(request));
    Stage stageFilter = parse(Stage.class, stage, "stage");
    Severity severityFilter = parse(Severity.class, severity, "severity");
    List<Incident> listed = incidents.list(stageFilter, LIST_LIMIT).stream()
        .filter(incident -> severityFilter == null || incident.severity() == severityFilter)
        .toList();
    List<Incident> open = listed.stream().filter(incident -> OPEN_STAGES.contains(incident.stage())).toList();
    model.addAttribute("open", open);
    model.addAttribute("recent", listed.stream().filter(incident -> !OPEN_STAGES.contains(incident.stage())).toList());
    model.addAttribute("stages", Stage.values());
    model.addAttribute("severities", Severity.values());
    model.addAttribute("stage", stageFilter);
    model.addAttribute("severity", severityFilter);
    model.addAttribute("refresh", open.isEmpty() ? null : REFRESH_SECONDS);
    model.addAttribute("user", user(request));
    return LIST;
  }

  @GetMapping("/incidents/{key}")
  String one(@PathVariable String key, HttpServletRequest request, Model model) {
    return show(key.toUpperCase(Locale.ROOT), request, model, null, null);
  }

  /** The note form: the same rule as the API's ({@link IncidentNotes}); back to the incident at its timeline. */
  @PostMapping("/incidents/{key}/notes")
  String addNote(@PathVariable String key, @RequestParam(required = false) String text, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
    readers.audience(groups(request));
    String incidentKey = key.toUpperCase(Locale.ROOT);
    try {
      notes.add(incidentKey, user(request), groups(request), text);
    } catch (RejectedInput refused) {
      response.setStatus(400);
      return show(incidentKey, request, model, refused.getMessage(), text);
    }
    return "redirect:/incidents/" + incidentKey + "#timeline";
  }

  private String show(String key, HttpServletRequest request, Model model, String noteError, String noteText) {
    IncidentReaders.Audience audience = readers.audience(groups(request));
    Incident incident = incidents.get(key);
    model.addAttribute("incident", incident);
    model.addAttribute("timeline", readers.timeline(audience, incidents.timeline(incident.key())));
    model.addAttribute("alerts", alerts.alertsOf(incident.key()));
    model.addAttribute("tasks", tasks.of(incident));
    model.addAttribute("tasklist", tasklist);
    model.addAttribute("failingSteps", failingSteps.of(incident));
    model.addAttribute("mayAddNote", notes.mayAdd(incident, user(request), groups(request)));
    model.addAttribute("noteError", noteError);
    model.addAttribute("noteText", noteText);
    model.addAttribute("refresh", OPEN_STAGES.contains(incident.stage()) ? REFRESH_SECONDS : null);
    model.addAttribute("user", user(request));
    return ONE;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new PageRequestRefused("There is no " + name + " like that: choose one of "
          + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
    }
  }
}
