package io.firebreak.alert;

import static io.firebreak.incident.IncidentProcess.Variables.*;

import io.firebreak.config.Texts;
import io.firebreak.incident.IncidentEnded;
import io.firebreak.incident.IncidentEndings;
import io.firebreak.incident.IncidentLimits;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentRepository.NewTimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.incident.Timestamps;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The incident process's view of alerts, called by expression from the model: a process an alert started first takes
 * that alert's details into its variables ({@code ${alertTimeline.take(execution)}}); when an incident is recorded its
 * alerts go onto its timeline ({@code ${alertTimeline.attach(execution)}}); when it ends without an incident the
 * fingerprint is suppressed for a while ({@code ${alertTimeline.suppress(execution)}}).
 */
@Component("alertTimeline")
public class AlertTimeline {

  private final JdbcClient jdbc;
  private final IncidentRepository incidents;
  private final AlertTracking tracking;
  private final AlertProperties properties;

  AlertTimeline(JdbcClient jdbc, IncidentRepository incidents, AlertTracking tracking, AlertProperties properties) {
    this.jdbc = jdbc;
    this.incidents = incidents;
    this.tracking = tracking;
    this.properties = properties;
  }

  /**
   * The first step of a process an alert started (the process's start listener, in the job after the alert's request):
   * the alert's details, as its alert event keeps them, become the variables triage and "Record the incident" read.
   * The alert's request started the process with its reserved key alone, so that it holds no more than our rows, the
   * process instance and one job. Nothing to do for a process a person started. An alert event that is not there
   * fails the step: the engine retries it, and Cockpit shows it once the retries are spent; the alert is not lost.
   */
  public void take(DelegateExecution execution) {
    if (!IncidentProcess.Elements.START_ALERT_RECEIVED.equals(execution.getCurrentActivityId())) {
      return;
    }
    record Started(String source, String fingerprint, String title, String description, String severityHint,
                   String environment, String product, String url, OffsetDateTime startedAt, boolean storm) {
    }
    Started alert = jdbc.sql("""
            SELECT source, fingerprint, title, description, severity_hint, environment, product, url, started_at, storm
            FROM alert_event WHERE process_instance_id = :pid AND outcome = 'STARTED' ORDER BY id
            """)
        .param("pid", execution.getProcessInstanceId())
        .query((rs, n) -> new Started(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getObject(9, OffsetDateTime.class), rs.getBoolean(10)))
        .stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("the alert that started " + execution.getProcessBusinessKey()
            + " is not in the alert log (no alert_event STARTED for process instance "
            + execution.getProcessInstanceId() + ")"));
    String title = alert.storm() ? Texts.fit("Alert storm: " + alert.title(), IncidentLimits.TITLE) : alert.title();
    String description = alert.storm()
        ? "The storm guard opened this incident: so many alerts opened incidents that further new alerts gather "
          + "here until the storm passes. Its Incident Manager can split an alert off into an incident of its own."
          + (alert.description() == null ? "" : "\n\nFirst alert: " + alert.description())
        : alert.description();
    execution.setVariable(SOURCE, alert.source());
    execution.setVariable(ALERT_FINGERPRINT, alert.fingerprint());
    execution.setVariable(TITLE, title);
    execution.setVariable(DESCRIPTION, Texts.fit(description, IncidentLimits.DESCRIPTION));
    execution.setVariable(SEVERITY_HINT, alert.severityHint());
    execution.setVariable(ENVIRONMENT, alert.environment());
    execution.setVariable(PRODUCT, alert.product());
    execution.setVariable(ALERT_URL, alert.url());
    execution.setVariable(ALERT_STARTED_AT, alert.startedAt() == null ? null : Date.from(alert.startedAt().toInstant()));
  }

  /**
   * Puts the alerts of this process onto the new incident's timeline: the one starting it right now, and those that
   * came while a First Responder evaluated it (repeats, and alerts of its group that joined).
   */
  public void attach(DelegateExecution execution) {
    String fingerprint = (String) execution.getVariable(ALERT_FINGERPRINT);
    String key = (String) execution.getVariable(INCIDENT_KEY);
    if (fingerprint == null || key == null) {
      return;
    }
    String processInstanceId = execution.getProcessInstanceId();
    // Hold the fingerprint like the intake does: an alert arriving while this incident is being recorded waits and
    // then finds the incident, instead of landing between this read and its linking.
    tracking.lock(fingerprint, properties.getLockTimeout());
    record Event(long id, String fingerprint, String status, String title, String payload, String outcome) {
    }
    var events = jdbc.sql("""
            SELECT id, fingerprint, status, title, payload, outcome FROM alert_event
            WHERE incident_key IS NULL
              AND (process_instance_id = :pid
                OR (fingerprint = :fp AND process_instance_id IS NULL AND outcome = 'STARTED'))
            ORDER BY id
            """)
        .param("fp", fingerprint).param("pid", processInstanceId)
        .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6)))
        .list();
    String splitOff = (String) execution.getVariable(SPLIT_OFF);
    if (splitOff != null) {
      String by = (String) execution.getVariable(SPLIT_OFF_BY);
      incidents.appendTimeline(key, TimelineEntryType.ALERT_SPLIT, by, "Split off " + splitOff + " by " + by + ": "
          + execution.getVariable(TITLE));
    }
    if (events.isEmpty()) {
      return;
    }
    long firing = 0;
    Set<String> received = new HashSet<>();
    List<NewTimelineEntry> entries = new ArrayList<>();
    for (Event event : events) {
      AlertStatus status = AlertStatus.valueOf(event.status());
      TimelineEntryType type = switch (status) {
        case FIRING -> received.add(event.fingerprint()) ? TimelineEntryType.ALERT_RECEIVED : TimelineEntryType.ALERT_REPEATED;
        case RESOLVED -> TimelineEntryType.ALERT_RECOVERED;
        case ACKNOWLEDGED -> TimelineEntryType.ALERT_ACKNOWLEDGED;
      };
      if (status == AlertStatus.FIRING) {
        firing++;
      }
      // An alert that joined by its group or the storm guard before the incident was recorded says so, as it would
      // have on a recorded incident.
      String how = switch (event.outcome()) {
        case "GROUPED" -> "Alert of the same group joined: ";
        case "STORM" -> "Alert storm, alert attached: ";
        default -> "Alert " + event.status().toLowerCase(Locale.ROOT) + ": ";
      };
      entries.add(new NewTimelineEntry(key, type, null, how + event.title(), event.payload()));
    }
    incidents.appendTimeline(entries);
    jdbc.sql("UPDATE alert_event SET incident_key = :key, process_instance_id = :pid WHERE id IN (:ids)")
        .param("key", key).param("pid", processInstanceId).param("ids", events.stream().map(Event::id).toList())
        .update();
    // Recording the incident counted its first alert already.
    if (firing > 1) {
      incidents.recordAlertOccurrences(key, firing - 1, Timestamps.now());
    }
  }

  /** A dismissed or ignored event: the same fingerprint and its group start nothing new within the suppression window. */
  public void suppress(DelegateExecution execution) {
    String fingerprint = (String) execution.getVariable(ALERT_FINGERPRINT);
    if (fingerprint != null) {
      tracking.suppress(fingerprint, Timestamps.now().plus(properties.getSuppressionWindow()));
    }
  }

  /**
   * An incident ended early, in the same transaction: a false alarm's fingerprints and groups start nothing new for
   * the suppression window; a duplicate's alerts, groups and events move to the incident it duplicates, so its next
   * alerts go there.
   */
  @EventListener
  public void ended(IncidentEnded ended) {
    // Groups before fingerprints, each in key order: the order the alert intake locks them in.
    tracking.lockRowsOf(ended.processInstanceId());
    if (ended.ending() == IncidentEndings.Ending.FALSE_ALARM) {
      var until = Timestamps.now().plus(properties.getSuppressionWindow());
      jdbc.sql("UPDATE alert_group SET suppressed_until = :until WHERE storm = FALSE AND process_instance_id = :pid")
          .param("until", until).param("pid", ended.processInstanceId()).update();
      jdbc.sql("UPDATE alert_tracking SET suppressed_until = :until WHERE process_instance_id = :pid")
          .param("until", until).param("pid", ended.processInstanceId()).update();
      return;
    }
    for (String table : List.of("alert_group", "alert_tracking")) {
      jdbc.sql("UPDATE " + table + " SET process_instance_id = :to WHERE process_instance_id = :from")
          .param("to", ended.duplicateOfProcessInstanceId()).param("from", ended.processInstanceId()).update();
    }
    jdbc.sql("UPDATE alert_event SET process_instance_id = :to, incident_key = :key WHERE process_instance_id = :from")
        .param("to", ended.duplicateOfProcessInstanceId()).param("key", ended.duplicateOf())
        .param("from", ended.processInstanceId()).update();
  }
}
