package io.firebreak.alert;

import static io.firebreak.incident.IncidentProcess.Variables.ALERT_FINGERPRINT;
import static io.firebreak.incident.IncidentProcess.Variables.INCIDENT_KEY;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.incident.Timestamps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The incident process's view of alerts, called by expression from the model: when an incident is recorded its
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

  /** Puts the alerts of this process (including the one starting it right now) onto the new incident's timeline. */
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
    record Event(long id, String status, String title, String payload) {
    }
    var events = jdbc.sql("""
            SELECT id, status, title, payload FROM alert_event
            WHERE fingerprint = :fp AND incident_key IS NULL
              AND (process_instance_id = :pid OR process_instance_id IS NULL)
            ORDER BY id
            """)
        .param("fp", fingerprint).param("pid", processInstanceId)
        .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
    if (events.isEmpty()) {
      return;
    }
    long firing = 0;
    for (Event event : events) {
      boolean first = firing == 0 && AlertStatus.FIRING.name().equals(event.status());
      TimelineEntryType type = switch (AlertStatus.valueOf(event.status())) {
        case FIRING -> first ? TimelineEntryType.ALERT_RECEIVED : TimelineEntryType.ALERT_REPEATED;
        case RESOLVED -> TimelineEntryType.ALERT_RECOVERED;
        case ACKNOWLEDGED -> TimelineEntryType.ALERT_ACKNOWLEDGED;
      };
      if (AlertStatus.FIRING.name().equals(event.status())) {
        firing++;
      }
      incidents.appendTimeline(key, type, null, "Alert " + event.status().toLowerCase() + ": " + event.title(),
          event.payload());
    }
    jdbc.sql("UPDATE alert_event SET incident_key = :key, process_instance_id = :pid WHERE id IN (:ids)")
        .param("key", key).param("pid", processInstanceId).param("ids", events.stream().map(Event::id).toList())
        .update();
    // Recording the incident counted its first alert already.
    if (firing > 1) {
      incidents.recordAlertOccurrences(key, firing - 1, Timestamps.now());
    }
  }

  /** A dismissed or ignored event: the same fingerprint starts nothing new within the suppression window. */
  public void suppress(DelegateExecution execution) {
    String fingerprint = (String) execution.getVariable(ALERT_FINGERPRINT);
    if (fingerprint != null) {
      tracking.suppress(fingerprint, Timestamps.now().plus(properties.getSuppressionWindow()));
    }
  }

  /** Links the events a new process was started for, once its id is known. */
  void claimUnlinkedEvents(String fingerprint, String processInstanceId) {
    jdbc.sql("UPDATE alert_event SET process_instance_id = :pid WHERE fingerprint = :fp AND process_instance_id IS NULL")
        .param("pid", processInstanceId).param("fp", fingerprint).update();
  }
}
