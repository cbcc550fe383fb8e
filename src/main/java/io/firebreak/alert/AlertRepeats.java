package io.firebreak.alert;

import io.firebreak.config.Database;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentRepository.NewTimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts the repeats the intake took the quick way ({@link AlertTracking#takeRepeat}): every second (
 * {@code firebreak.alerts.repeat-count-interval}), the uncounted events of the alert log are added to their
 * fingerprint's occurrences (with the title and severity word last seen), to their group's last hearing and to their
 * incident's alert count, and each fingerprint gets one timeline entry for all of its repeats since the last count:
 * a storm of 5,000 repeats a minute is 60 entries on the incident's timeline, not 5,000.
 *
 * <p>Each count is one transaction and takes its events with {@code FOR UPDATE SKIP LOCKED}, so several nodes count
 * side by side and never count an event twice; it locks groups, fingerprints and incidents in key order, as the
 * intake does, so it never waits crosswise with a request. A count that fails (the database away) commits nothing and
 * is tried again at the next tick.
 */
@Component
public class AlertRepeats {

  private static final Logger log = LoggerFactory.getLogger(AlertRepeats.class);
  /** Events per count: a transaction of bounded size, even after a long outage of the counting. */
  private static final int BATCH = 5000;

  private final JdbcClient jdbc;
  private final IncidentRepository incidents;
  private final TransactionTemplate transaction;
  private final boolean postgres;
  private final AlertTracking tracking;
  private final AlertProperties properties;

  AlertRepeats(JdbcClient jdbc, IncidentRepository incidents, PlatformTransactionManager transactionManager,
               DataSource dataSource, AlertTracking tracking, AlertProperties properties) {
    this.tracking = tracking;
    this.properties = properties;
    this.jdbc = jdbc;
    this.incidents = incidents;
    this.transaction = new TransactionTemplate(transactionManager);
    this.postgres = Database.of(dataSource) == Database.POSTGRESQL;
  }

  /** One uncounted repeat, as the intake logged it. */
  private record Uncounted(long id, String fingerprint, String processInstanceId, String incidentKey, String title,
                           String severityHint, String groupKey, OffsetDateTime receivedAt) {
  }

  /** The repeats of one fingerprint for one incident in this count: how many, and the last one. */
  private static final class Repeats {
    long count;
    Uncounted last;
    /** The fingerprint's occurrences once these are added; null when it has moved on to another incident. */
    Long occurrences;
  }

  @Scheduled(fixedDelayString = "${firebreak.alerts.repeat-count-interval:1s}",
      initialDelayString = "${firebreak.alerts.repeat-count-interval:1s}")
  void countOnSchedule() {
    try {
      while (count() == BATCH) {
        // a backlog: go on at once
      }
    } catch (RuntimeException e) {
      log.warn("Alert repeats could not be counted just now; trying again at the next count", e);
    }
  }

  /** Counts the repeats logged but not counted yet (up to a batch); returns how many it counted. */
  public int count() {
    Integer counted = transaction.execute(status -> {
      // A count never waits long for a request's lock: it gives up and counts at the next tick.
      tracking.lockTimeout(properties.getLockTimeout());
      List<Uncounted> events = takeUncounted();
      if (events.isEmpty()) {
        return 0;
      }
      // Per fingerprint, per incident: the repeats and the last of them.
      Map<String, Map<String, Repeats>> byFingerprint = new TreeMap<>();
      Map<String, OffsetDateTime> groupsHeard = new TreeMap<>();
      for (Uncounted event : events) {
        Repeats repeats = byFingerprint.computeIfAbsent(event.fingerprint(), fingerprint -> new TreeMap<>())
            .computeIfAbsent(event.incidentKey(), key -> new Repeats());
        repeats.count++;
        if (repeats.last == null || repeats.last.id() < event.id()) {
          repeats.last = event;
        }
        if (event.groupKey() != null) {
          groupsHeard.merge(event.groupKey(), event.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
      }
      // Groups, fingerprints, incidents, each in key order: the order in which the intake locks them.
      groupsHeard.forEach((group, heard) -> jdbc.sql("""
              UPDATE alert_group SET last_seen_at = :heard
              WHERE group_key = :key AND (last_seen_at IS NULL OR last_seen_at < :heard)""")
          .param("heard", heard).param("key", group).update());
      Map<String, List<Repeats>> byIncident = new TreeMap<>();
      byFingerprint.values().forEach(repeatsByIncident -> repeatsByIncident.values().forEach(repeats -> {
        repeats.occurrences = countOnFingerprint(repeats);
        byIncident.computeIfAbsent(repeats.last.incidentKey(), key -> new ArrayList<>()).add(repeats);
      }));
      List<NewTimelineEntry> timeline = new ArrayList<>();
      byIncident.forEach((key, repeatsOfIncident) -> {
        incidents.recordAlertOccurrences(key, repeatsOfIncident.stream().mapToLong(repeats -> repeats.count).sum(),
            repeatsOfIncident.stream().map(repeats -> repeats.last.receivedAt()).max(OffsetDateTime::compareTo)
                .orElseThrow());
        repeatsOfIncident.forEach(repeats -> timeline.add(entry(key, repeats)));
      });
      incidents.appendTimeline(timeline);
      log.debug("Counted {} alert repeat(s) onto {} incident(s)", events.size(), byIncident.size());
      return events.size();
    });
    return counted == null ? 0 : counted;
  }

  /** Marks a batch of uncounted events counted, skipping those another node is counting right now, and reads them. */
  private List<Uncounted> takeUncounted() {
    String columns = "id, fingerprint, process_instance_id, incident_key, title, severity_hint, group_key, received_at";
    if (postgres) {
      return jdbc.sql("""
              UPDATE alert_event SET counted = TRUE WHERE id IN (
                SELECT id FROM alert_event WHERE counted = FALSE ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)
              RETURNING""" + " " + columns)
          .param("batch", BATCH).query(AlertRepeats::uncounted).list();
    }
    List<Uncounted> events = jdbc.sql("SELECT " + columns
            + " FROM alert_event WHERE counted = FALSE ORDER BY id LIMIT :batch FOR UPDATE")
        .param("batch", BATCH).query(AlertRepeats::uncounted).list();
    if (!events.isEmpty()) {
      jdbc.sql("UPDATE alert_event SET counted = TRUE WHERE id IN (:ids)")
          .param("ids", events.stream().map(Uncounted::id).toList()).update();
    }
    return events;
  }

  private static Uncounted uncounted(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Uncounted(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class));
  }

  /**
   * Adds the repeats to their fingerprint's row while it still belongs to their incident's process (a fingerprint
   * that has moved on to a new incident since starts its count anew there). Its occurrences after that, or null
   * when it has moved on.
   */
  private Long countOnFingerprint(Repeats repeats) {
    Uncounted last = repeats.last;
    int updated = jdbc.sql("""
            UPDATE alert_tracking SET occurrences = occurrences + :count,
              title = CASE WHEN last_seen_at <= :at THEN :title ELSE title END,
              severity_hint = CASE WHEN last_seen_at <= :at THEN :hint ELSE severity_hint END,
              last_seen_at = CASE WHEN last_seen_at <= :at THEN :at ELSE last_seen_at END
            WHERE fingerprint = :fp AND process_instance_id = :pid""")
        .param("count", repeats.count).param("at", last.receivedAt()).param("title", last.title())
        .param("hint", last.severityHint()).param("fp", last.fingerprint()).param("pid", last.processInstanceId())
        .update();
    if (updated == 0) {
      return null;
    }
    return jdbc.sql("SELECT occurrences FROM alert_tracking WHERE fingerprint = :fp")
        .param("fp", last.fingerprint()).query(Long.class).single();
  }

  /** One entry for all repeats of a fingerprint in this count, in the words of a single repeat when it was one. */
  private static NewTimelineEntry entry(String key, Repeats repeats) {
    Long occurrences = repeats.occurrences;
    String title = repeats.last.title();
    String message;
    if (occurrences == null) {
      message = "Alert fired again (" + repeats.count + (repeats.count == 1 ? " time" : " times")
          + " more): " + title;
    } else if (repeats.count == 1) {
      message = "Alert fired again (" + occurrences + " times): " + title;
    } else {
      message = "Alert fired again, " + repeats.count + " times since the last entry (" + occurrences
          + " times in all): " + title;
    }
    return new NewTimelineEntry(key, TimelineEntryType.ALERT_REPEATED, null, message, null);
  }
}
