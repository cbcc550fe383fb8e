package io.firebreak.alert;

import io.firebreak.config.Database;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Our alert tables: one tracking row per fingerprint and one per alert group (locked while deciding), and every alert
 * event. Every write joins the caller's transaction, so a request that fails leaves nothing behind.
 */
@Repository
class AlertTracking {

  /** Rows locked or written per statement: keeps IN lists and batches of a storm request within bounds. */
  private static final int CHUNK = 1000;

  /** The tracking row of one fingerprint, as read under its lock and changed by the intake until written back. */
  static final class Tracked {
    final String fingerprint;
    final String source;
    String processInstanceId;
    long occurrences;
    OffsetDateTime firstSeenAt;
    OffsetDateTime lastSeenAt;
    String lastStatus;
    OffsetDateTime suppressedUntil;
    OffsetDateTime acknowledgedAt;
    String groupKey;
    String title;
    String severityHint;

    Tracked(String fingerprint, String source, String processInstanceId, long occurrences, OffsetDateTime firstSeenAt,
            OffsetDateTime lastSeenAt, String lastStatus, OffsetDateTime suppressedUntil, OffsetDateTime acknowledgedAt,
            String groupKey, String title, String severityHint) {
      this.fingerprint = fingerprint;
      this.source = source;
      this.processInstanceId = processInstanceId;
      this.occurrences = occurrences;
      this.firstSeenAt = firstSeenAt;
      this.lastSeenAt = lastSeenAt;
      this.lastStatus = lastStatus;
      this.suppressedUntil = suppressedUntil;
      this.acknowledgedAt = acknowledgedAt;
      this.groupKey = groupKey;
      this.title = title;
      this.severityHint = severityHint;
    }
  }

  /** The fingerprint now belongs to this process instance: its first alert there is the one seen {@code now}. */
  static void belongTo(Tracked row, String processInstanceId, OffsetDateTime now) {
    row.processInstanceId = processInstanceId;
    row.occurrences = 1;
    row.firstSeenAt = now;
    row.acknowledgedAt = null;
  }

  /** The row of one alert group: which incident process its alerts join. */
  static final class Group {
    final String key;
    String processInstanceId;
    final boolean storm;
    OffsetDateTime openedAt;
    OffsetDateTime lastSeenAt;
    OffsetDateTime suppressedUntil;

    Group(String key, String processInstanceId, boolean storm, OffsetDateTime openedAt, OffsetDateTime lastSeenAt,
          OffsetDateTime suppressedUntil) {
      this.key = key;
      this.processInstanceId = processInstanceId;
      this.storm = storm;
      this.openedAt = openedAt;
      this.lastSeenAt = lastSeenAt;
      this.suppressedUntil = suppressedUntil;
    }
  }

  /**
   * An alert event to insert. One that starts an incident process keeps the alert's details too (and whether it opened
   * a storm incident): the process's first step reads them from here, so its start carries no variables.
   */
  record Event(Alert alert, AlertOutcome outcome, OffsetDateTime receivedAt, boolean storm) {

    Event(Alert alert, AlertOutcome outcome, OffsetDateTime receivedAt) {
      this(alert, outcome, receivedAt, false);
    }

    private boolean startsProcess() {
      return outcome.outcome() == AlertOutcome.Outcome.STARTED;
    }
  }

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final boolean postgres;
  /**
   * Rows are locked in the order of Java's string comparison (the request sorts its keys so, and cuts them in chunks
   * so): PostgreSQL orders by its collation unless told to compare bytes; H2 compares as Java does.
   */
  private final String binaryOrder;

  AlertTracking(JdbcClient jdbc, NamedParameterJdbcTemplate batch, DataSource dataSource) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.postgres = Database.of(dataSource) == Database.POSTGRESQL;
    this.binaryOrder = postgres ? " COLLATE \"C\"" : "";
  }

  /** How long the statements of this transaction wait for another holder of a row lock. */
  void lockTimeout(Duration timeout) {
    long millis = Math.max(1, timeout.toMillis());
    jdbc.sql(postgres ? "SET LOCAL lock_timeout = '" + millis + "ms'" : "SET LOCK_TIMEOUT " + millis).update();
  }

  /** A repeat taken for the open incident its fingerprint belongs to. */
  record Repeat(String incidentKey, String processInstanceId) {
  }

  /**
   * A firing alert whose fingerprint fires for an open incident (stage OPEN or FIX of the incident's table) is a
   * repeat: its event goes into the alert log, uncounted, and the answer says which incident it belongs to. It is
   * decided by the rows as last committed, without a lock (the intake calls this outside a transaction: on PostgreSQL
   * one statement, committed on its own), so a storm of repeats neither queues on the fingerprint's row nor writes it
   * (a shared row lock marks the row with its lockers on every repeat, several at once as a MultiXact).
   *
   * <p>A repeat decided while another request decides its fingerprint the long way ({@link #lock}, the row locked)
   * counts as having come just before that decision: it writes nothing but its own event, which no decision reads, and
   * {@link AlertRepeats} counts it a moment later onto the fingerprint while the fingerprint still belongs to the same
   * process, and onto the incident it was attached to in any case. Empty, with nothing written, when the fingerprint is
   * not tracked, belongs to no open incident, did not fire last (a recovered or acknowledged alert firing again) or
   * names a group not known yet: the intake decides those the long way.
   */
  Optional<Repeat> takeRepeat(Alert alert, OffsetDateTime now) {
    String decision = """
        SELECT i.incident_key, t.process_instance_id FROM alert_tracking t
        JOIN incident i ON i.process_instance_id = t.process_instance_id
        WHERE t.fingerprint = :fp AND t.last_status = 'FIRING' AND i.stage IN ('OPEN', 'FIX')"""
        + (alert.group() == null ? "" : "\n  AND EXISTS (SELECT 1 FROM alert_group g WHERE g.group_key = :group)");
    RowMapper<Repeat> taken = (rs, n) -> new Repeat(rs.getString(1), rs.getString(2));
    MapSqlParameterSource parameters = repeatParameters(alert, now);
    if (postgres) {
      // One statement: the decision and the event.
      return jdbc.sql("WITH repeat AS (" + decision + ")\n" + INSERT_UNCOUNTED + """
               SELECT :fp, :source, 'FIRING', 'ATTACHED', :title, :hint, :group, :now, incident_key,
                 process_instance_id, :payload, FALSE FROM repeat
              RETURNING incident_key, process_instance_id""")
          .paramSource(parameters).query(taken).optional();
    }
    // H2 has no INSERT in a WITH: the decision, then the event (one node; the decision holds the same way).
    Optional<Repeat> repeat = jdbc.sql(decision).paramSource(parameters).query(taken).optional();
    repeat.ifPresent(found -> jdbc.sql(INSERT_UNCOUNTED + """
             VALUES (:fp, :source, 'FIRING', 'ATTACHED', :title, :hint, :group, :now, :key, :pid, :payload, FALSE)""")
        .paramSource(parameters.addValue("key", found.incidentKey()).addValue("pid", found.processInstanceId()))
        .update());
    return repeat;
  }

  private static final String INSERT_UNCOUNTED = """
      INSERT INTO alert_event (fingerprint, source, status, outcome, title, severity_hint, group_key, received_at,
        incident_key, process_instance_id, payload, counted)
      """;

  private static MapSqlParameterSource repeatParameters(Alert alert, OffsetDateTime now) {
    return new MapSqlParameterSource("fp", alert.fingerprint()).addValue("source", alert.source())
        .addValue("title", alert.title()).addValue("hint", alert.severityHint()).addValue("group", alert.group())
        .addValue("now", now).addValue("payload", alert.payload());
  }

  /** Creates the rows of these fingerprints (sorted) that do not exist yet; existing ones are left as they are. */
  void ensureTracked(List<String> fingerprints, Map<String, String> sources, OffsetDateTime now) {
    insertMissing("""
        INSERT INTO alert_tracking (fingerprint, source, occurrences, first_seen_at, last_seen_at)
        VALUES (:key, :source, 0, :now, :now)""", "alert_tracking", "fingerprint", fingerprints, sources, now);
  }

  /** Creates the rows of these groups (sorted) that do not exist yet. */
  void ensureGroups(List<String> groupKeys, Map<String, String> sources, OffsetDateTime now) {
    insertMissing("""
        INSERT INTO alert_group (group_key, source, storm, opened_at, last_seen_at)
        VALUES (:key, :source, FALSE, :now, :now)""", "alert_group", "group_key", groupKeys, sources, now);
  }

  private void insertMissing(String insert, String table, String keyColumn, List<String> keys,
                             Map<String, String> sources, OffsetDateTime now) {
    for (List<String> chunk : chunks(keys)) {
      if (postgres) {
        // waits for a concurrent insert of the same key to commit, then does nothing
        batch.batchUpdate(insert + " ON CONFLICT (" + keyColumn + ") DO NOTHING", chunk.stream()
            .map(key -> new MapSqlParameterSource("key", key).addValue("source", sources.get(key)).addValue("now", now))
            .toArray(SqlParameterSource[]::new));
        continue;
      }
      List<String> existing = jdbc.sql("SELECT " + keyColumn + " FROM " + table + " WHERE " + keyColumn + " IN (:keys)")
          .param("keys", chunk).query(String.class).list();
      for (String key : chunk) {
        if (existing.contains(key)) {
          continue;
        }
        try {
          jdbc.sql(insert).param("key", key).param("source", sources.get(key)).param("now", now).update();
        } catch (DuplicateKeyException concurrentInsert) {
          // another request created it first (H2 rolls back just this statement): both go on to lock it
        }
      }
    }
  }

  /** Locks the groups' rows until the transaction ends, in key order. */
  Map<String, Group> lockGroups(List<String> groupKeys) {
    Map<String, Group> groups = new HashMap<>();
    for (List<String> chunk : chunks(groupKeys)) {
      jdbc.sql("""
              SELECT group_key, process_instance_id, storm, opened_at, last_seen_at, suppressed_until FROM alert_group
              WHERE group_key IN (:keys) ORDER BY group_key%s FOR UPDATE
              """.formatted(binaryOrder))
          .param("keys", chunk)
          .query(AlertTracking::group)
          .list()
          .forEach(group -> groups.put(group.key, group));
    }
    return groups;
  }

  /** Locks the fingerprints' rows until the transaction ends, in fingerprint order. */
  Map<String, Tracked> lock(List<String> fingerprints) {
    Map<String, Tracked> rows = new HashMap<>();
    for (List<String> chunk : chunks(fingerprints)) {
      jdbc.sql("""
              SELECT fingerprint, source, process_instance_id, occurrences, first_seen_at, last_seen_at, last_status,
                suppressed_until, acknowledged_at, group_key, title, severity_hint
              FROM alert_tracking WHERE fingerprint IN (:fps) ORDER BY fingerprint%s FOR UPDATE
              """.formatted(binaryOrder))
          .param("fps", chunk)
          .query((rs, n) -> new Tracked(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
              rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getString(7),
              rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class), rs.getString(10),
              rs.getString(11), rs.getString(12)))
          .list()
          .forEach(row -> rows.put(row.fingerprint, row));
    }
    return rows;
  }

  /** Locks one fingerprint's row, waiting at most {@code timeout}; empty when it is not tracked. */
  Optional<Tracked> lock(String fingerprint, Duration timeout) {
    lockTimeout(timeout);
    return Optional.ofNullable(lock(List.of(fingerprint)).get(fingerprint));
  }

  /** Serialises storm decisions across requests and nodes until the transaction ends. */
  void lockStormDecision() {
    jdbc.sql("SELECT id FROM alert_storm_lock WHERE id = 1 FOR UPDATE").query(Integer.class).list();
  }

  /** The storm groups that heard an alert since {@code since}: storms going on, the latest first. */
  List<Group> stormsSince(OffsetDateTime since, int limit) {
    return jdbc.sql("""
            SELECT group_key, process_instance_id, storm, opened_at, last_seen_at, suppressed_until FROM alert_group
            WHERE storm = TRUE AND last_seen_at > :since AND process_instance_id IS NOT NULL
            ORDER BY last_seen_at DESC LIMIT :limit
            """)
        .param("since", since).param("limit", limit).query(AlertTracking::group).list();
  }

  void insertStormGroup(String key, String source, String processInstanceId, OffsetDateTime now) {
    jdbc.sql("""
            INSERT INTO alert_group (group_key, source, process_instance_id, storm, opened_at, last_seen_at)
            VALUES (:key, :source, :pid, TRUE, :now, :now)
            """)
        .param("key", key).param("source", source).param("pid", processInstanceId).param("now", now).update();
  }

  private static Group group(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Group(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getObject(4, OffsetDateTime.class),
        rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class));
  }

  /** Writes the rows back as the intake changed them (the suppression is written by {@link #suppress} only). */
  void write(Collection<Tracked> rows) {
    for (List<Tracked> chunk : chunks(List.copyOf(rows))) {
      batch.batchUpdate("""
              UPDATE alert_tracking SET process_instance_id = :pid, occurrences = :occurrences,
                first_seen_at = :firstSeen, last_seen_at = :lastSeen, last_status = :status,
                acknowledged_at = :acknowledged, group_key = :group, title = :title, severity_hint = :hint
              WHERE fingerprint = :fp
              """,
          chunk.stream().map(row -> new MapSqlParameterSource()
                  .addValue("pid", row.processInstanceId).addValue("occurrences", row.occurrences)
                  .addValue("firstSeen", row.firstSeenAt).addValue("lastSeen", row.lastSeenAt)
                  .addValue("status", row.lastStatus).addValue("acknowledged", row.acknowledgedAt)
                  .addValue("group", row.groupKey).addValue("title", row.title).addValue("hint", row.severityHint)
                  .addValue("fp", row.fingerprint))
              .toArray(SqlParameterSource[]::new));
    }
  }

  void writeGroups(Collection<Group> groups) {
    for (List<Group> chunk : chunks(List.copyOf(groups))) {
      batch.batchUpdate("""
              UPDATE alert_group SET process_instance_id = :pid, opened_at = :opened, last_seen_at = :lastSeen,
                suppressed_until = :suppressed
              WHERE group_key = :key
              """,
          chunk.stream().map(group -> new MapSqlParameterSource()
                  .addValue("pid", group.processInstanceId).addValue("opened", group.openedAt)
                  .addValue("lastSeen", group.lastSeenAt)
                  .addValue("suppressed", group.suppressedUntil).addValue("key", group.key))
              .toArray(SqlParameterSource[]::new));
    }
  }

  void insertEvents(List<Event> events) {
    for (List<Event> chunk : chunks(events)) {
      batch.batchUpdate("""
              INSERT INTO alert_event (fingerprint, source, status, outcome, title, received_at, incident_key,
                process_instance_id, payload, description, severity_hint, environment, product, url, started_at, storm)
              VALUES (:fp, :source, :status, :outcome, :title, :now, :key, :pid, :payload, :description, :hint,
                :environment, :product, :url, :startedAt, :storm)
              """,
          chunk.stream().map(event -> {
                Alert alert = event.alert();
                boolean start = event.startsProcess();
                return new MapSqlParameterSource()
                    .addValue("fp", alert.fingerprint()).addValue("source", alert.source())
                    .addValue("status", alert.status().name())
                    .addValue("outcome", event.outcome().outcome().name()).addValue("title", alert.title())
                    .addValue("now", event.receivedAt()).addValue("key", event.outcome().incidentKey())
                    .addValue("pid", event.outcome().processInstanceId()).addValue("payload", alert.payload())
                    .addValue("description", start ? alert.description() : null)
                    .addValue("hint", start ? alert.severityHint() : null)
                    .addValue("environment", start ? alert.environment() : null)
                    .addValue("product", start ? alert.product() : null)
                    .addValue("url", start ? alert.url() : null)
                    .addValue("startedAt", start ? alert.startedAt() : null)
                    .addValue("storm", start && event.storm());
              })
              .toArray(SqlParameterSource[]::new));
    }
  }

  /** The alerts of a process instance, first seen first. */
  List<AttachedAlert> alertsOfProcess(String processInstanceId) {
    return jdbc.sql("""
            SELECT fingerprint, source, title, last_status, occurrences, first_seen_at, last_seen_at, group_key
            FROM alert_tracking WHERE process_instance_id = :pid ORDER BY first_seen_at, fingerprint
            """)
        .param("pid", processInstanceId)
        .query((rs, n) -> new AttachedAlert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getLong(5), rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
            rs.getString(8)))
        .list();
  }

  /** How many of a process's alerts have not recovered. */
  long stillFiring(String processInstanceId) {
    return jdbc.sql("""
            SELECT COUNT(*) FROM alert_tracking
            WHERE process_instance_id = :pid AND (last_status IS NULL OR last_status <> 'RESOLVED')
            """)
        .param("pid", processInstanceId).query(Long.class).single();
  }

  /** How many alerts a process has. */
  long alertsOf(String processInstanceId) {
    return jdbc.sql("SELECT COUNT(*) FROM alert_tracking WHERE process_instance_id = :pid")
        .param("pid", processInstanceId).query(Long.class).single();
  }

  /** The fingerprint and its group start nothing new until {@code until}; the group first, as the intake locks. */
  void suppress(String fingerprint, OffsetDateTime until) {
    jdbc.sql("""
            UPDATE alert_group SET suppressed_until = :until
            WHERE storm = FALSE AND group_key = (SELECT group_key FROM alert_tracking WHERE fingerprint = :fp)
            """)
        .param("until", until).param("fp", fingerprint).update();
    jdbc.sql("UPDATE alert_tracking SET suppressed_until = :until WHERE fingerprint = :fp")
        .param("until", until).param("fp", fingerprint).update();
  }

  /** Locks the groups, then the fingerprints, of a process instance, each in key order, as the intake does. */
  void lockRowsOf(String processInstanceId) {
    lockGroups(jdbc.sql("SELECT group_key FROM alert_group WHERE process_instance_id = :pid")
        .param("pid", processInstanceId).query(String.class).list().stream().sorted().toList());
    lock(jdbc.sql("SELECT fingerprint FROM alert_tracking WHERE process_instance_id = :pid")
        .param("pid", processInstanceId).query(String.class).list().stream().sorted().toList());
  }

  private static <T> List<List<T>> chunks(List<T> items) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += CHUNK) {
      chunks.add(items.subList(from, Math.min(items.size(), from + CHUNK)));
    }
    return chunks;
  }
}
