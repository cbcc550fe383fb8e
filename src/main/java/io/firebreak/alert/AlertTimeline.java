package io.firebreak.alert;

import static io.firebreak.incident.IncidentProcess.Variables.ALERT_FINGERPRINT;
import static io.firebreak.incident.IncidentProcess.Variables.INCIDENT_KEY;

import io.firebreak.incident.IncidentEnded;
import io.firebreak.incident.IncidentEndings;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentRepository.NewTimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.incident.Timestamps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.event.EventListener;
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
    record Event(long id, String fingerprint, String status, String title, String payload) {
    }
    var events = jdbc.sql("""
            SELECT id, fingerprint, status, title, payload FROM alert_event
            WHERE incident_key IS NULL
              AND (process_instance_id = :pid
                OR (fingerprint = :fp AND process_instance_id IS NULL AND outcome = 'STARTED'))
            ORDER BY id
            """)
        .param("fp", fingerprint).param("pid", processInstanceId)
        .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .list();
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
      entries.add(new NewTimelineEntry(key, type, null, "Alert " + event.status().toLowerCase(Locale.ROOT) + ": "
          + event.title(), event.payload()));
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

  /** Links the events a new process was started for, once its id is known. */
  void claimUnlinkedEvents(String fingerprint, String processInstanceId) {
    jdbc.sql("UPDATE alert_event SET process_instance_id = :pid "
            + "WHERE fingerprint = :fp AND process_instance_id IS NULL AND outcome = 'STARTED'")
        .param("pid", processInstanceId).param("fp", fingerprint).update();
  }
}
