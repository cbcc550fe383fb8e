package io.firebreak.postmortem;

import static io.firebreak.incident.IncidentProcess.Variables.ALERT_URL;
import static io.firebreak.incident.IncidentProcess.Variables.INCIDENT_KEY;
import static io.firebreak.incident.IncidentProcess.Variables.INCIDENT_MANAGER;
import static io.firebreak.incident.IncidentProcess.Variables.SEVERITY;
import static io.firebreak.incident.IncidentProcess.Variables.TITLE;
import static io.firebreak.postmortem.PostmortemProcess.Variables.RESOLVED_AT;

import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Timestamps;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Starts an incident's postmortem: one per incident, keyed by the incident key, with what the postmortem process
 * needs of the incident as its variables. "Start the postmortem" of the incident process calls it; so do the
 * postmortem's process tests, which start at the postmortem.
 */
@Component
public class PostmortemStart {

  private final RuntimeService runtimeService;
  private final IncidentRepository incidents;
  private final PostmortemArchive archive;

  PostmortemStart(@Lazy RuntimeService runtimeService, IncidentRepository incidents, PostmortemArchive archive) {
    this.runtimeService = runtimeService;
    this.incidents = incidents;
    this.archive = archive;
  }

  /**
   * Starts the postmortem of the incident {@code key} unless one runs; {@code alertUrl} (may be null) is the alert
   * that opened the incident. The postmortem model says how soon after the resolution its meeting is due.
   *
   * @return the postmortem's process instance id, or null when one was running already
   */
  public String begin(String key, String alertUrl) {
    boolean running = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(PostmortemProcess.KEY).processInstanceBusinessKey(key).count() > 0;
    if (running) {
      return null;
    }
    Incident incident = incidents.get(key);
    archive.begin(key, incident.title(), incident.severity().name());
    OffsetDateTime resolvedAt = incident.resolvedAt() != null ? incident.resolvedAt() : Timestamps.now();
    return runtimeService.createProcessInstanceByKey(PostmortemProcess.KEY)
        .businessKey(key)
        .setVariable(INCIDENT_KEY, key)
        .setVariable(TITLE, incident.title())
        .setVariable(SEVERITY, incident.severity().name())
        .setVariable(INCIDENT_MANAGER, incident.roles().incidentManager())
        .setVariable(ALERT_URL, alertUrl)
        .setVariable(RESOLVED_AT, MeetingTimes.date(resolvedAt))
        .execute().getId();
  }
}
