package io.firebreak.alert;

import io.firebreak.config.Database;
import java.time.Duration;
import java.time.OffsetDateTime;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Our alert tables: one tracking row per fingerprint (locked while deciding) and every alert event. */
@Repository
class AlertTracking {

  /** The tracking row of one fingerprint. */
  record Tracked(String fingerprint, String processInstanceId, long occurrences, String lastStatus,
                 OffsetDateTime suppressedUntil, OffsetDateTime acknowledgedAt) {
  }

  private final JdbcClient jdbc;
  private final boolean postgres;

  AlertTracking(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.postgres = Database.of(dataSource) == Database.POSTGRESQL;
  }

  /** Creates the fingerprint's row unless it exists; call in a transaction of its own (a duplicate aborts it). */
  void ensureTracked(String fingerprint, String source, OffsetDateTime now) {
    if (jdbc.sql("SELECT COUNT(*) FROM alert_tracking WHERE fingerprint = :fp").param("fp", fingerprint)
        .query(Long.class).single() > 0) {
      return;
    }
    try {
      jdbc.sql("""
              INSERT INTO alert_tracking (fingerprint, source, occurrences, first_seen_at, last_seen_at)
              VALUES (:fp, :source, 0, :now, :now)
              """)
          .param("fp", fingerprint).param("source", source).param("now", now).update();
    } catch (DuplicateKeyException concurrentInsert) {
      // another request or node created it first: fine, both go on to lock it
    }
  }

  /** Locks the fingerprint's row until the transaction ends; waits at most {@code timeout} for another holder. */
  Tracked lock(String fingerprint, Duration timeout) {
    long millis = Math.max(1, timeout.toMillis());
    if (postgres) {
      jdbc.sql("SET LOCAL lock_timeout = '" + millis + "ms'").update();
    } else {
      jdbc.sql("SET LOCK_TIMEOUT " + millis).update();
    }
    return jdbc.sql("""
            SELECT fingerprint, process_instance_id, occurrences, last_status, suppressed_until, acknowledged_at
            FROM alert_tracking WHERE fingerprint = :fp FOR UPDATE
            """)
        .param("fp", fingerprint)
        .query((rs, n) -> new Tracked(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)))
        .single();
  }

  void started(String fingerprint, String processInstanceId, OffsetDateTime now) {
    jdbc.sql("""
            UPDATE alert_tracking SET process_instance_id = :pid, occurrences = 1, first_seen_at = :now,
              last_seen_at = :now, last_status = 'FIRING', acknowledged_at = NULL
            WHERE fingerprint = :fp
            """)
        .param("pid", processInstanceId).param("now", now).param("fp", fingerprint).update();
  }

  void seenAgain(String fingerprint, AlertStatus status, OffsetDateTime now) {
    jdbc.sql("""
            UPDATE alert_tracking SET occurrences = occurrences + :firing, last_seen_at = :now, last_status = :status
            WHERE fingerprint = :fp
            """)
        .param("firing", status == AlertStatus.FIRING ? 1 : 0).param("now", now).param("status", status.name())
        .param("fp", fingerprint).update();
  }

  void acknowledged(String fingerprint, OffsetDateTime now) {
    jdbc.sql("UPDATE alert_tracking SET acknowledged_at = :now WHERE fingerprint = :fp")
        .param("now", now).param("fp", fingerprint).update();
  }

  void suppress(String fingerprint, OffsetDateTime until) {
    jdbc.sql("UPDATE alert_tracking SET suppressed_until = :until WHERE fingerprint = :fp")
        .param("until", until).param("fp", fingerprint).update();
  }

  void recordEvent(Alert alert, AlertOutcome outcome, OffsetDateTime now) {
    jdbc.sql("""
            INSERT INTO alert_event (fingerprint, source, status, outcome, title, received_at, incident_key,
              process_instance_id, payload)
            VALUES (:fp, :source, :status, :outcome, :title, :now, :key, :pid, :payload)
            """)
        .param("fp", alert.fingerprint()).param("source", alert.source()).param("status", alert.status().name())
        .param("outcome", outcome.outcome().name()).param("title", truncate(alert.title(), 500)).param("now", now)
        .param("key", outcome.incidentKey()).param("pid", outcome.processInstanceId()).param("payload", alert.payload())
        .update();
  }

  private static String truncate(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }
}
