package io.firebreak.incident;

import io.firebreak.config.Texts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Our incident tables: the record, its roles and its timeline. Every write joins the caller's transaction. */
@Repository
public class IncidentRepository {

  /** A link to an outside tool; each is written once. */
  public enum LinkKind {
    CHAT_CHANNEL("chat_channel", TimelineEntryType.CHAT, "Incident channel opened"),
    TICKET("ticket", TimelineEntryType.TICKET, "Incident ticket created"),
    STATUS_PAGE("status_page", TimelineEntryType.STATUS_PAGE, "Status page incident created"),
    BRIDGE("bridge", TimelineEntryType.CONFERENCE, "War room call opened");

    private final String column;
    private final TimelineEntryType entryType;
    private final String opened;

    LinkKind(String column, TimelineEntryType entryType, String opened) {
      this.column = column;
      this.entryType = entryType;
      this.opened = opened;
    }
  }

  /** What is known when an incident is recorded; {@code detectedAt} is when its problem began ({@link Detection}). */
  public record NewIncident(String key, String title, String description, Severity severity, Impact impact,
                            boolean customerFacing, String product, String environment, String source,
                            String alertFingerprint, String processInstanceId, OffsetDateTime openedAt,
                            OffsetDateTime detectedAt) {

    /** Detected when it was opened: a declaration, or an alert without a time of its own. */
    public NewIncident(String key, String title, String description, Severity severity, Impact impact,
                       boolean customerFacing, String product, String environment, String source,
                       String alertFingerprint, String processInstanceId, OffsetDateTime openedAt) {
      this(key, title, description, severity, impact, customerFacing, product, environment, source, alertFingerprint,
          processInstanceId, openedAt, openedAt);
    }
  }

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;

  IncidentRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  public void insert(NewIncident incident) {
    jdbc.sql("""
            INSERT INTO incident (incident_key, incident_number, title, description, severity, impact, customer_facing,
              stage, status, product, environment, source, alert_fingerprint, process_instance_id, opened_at,
              alert_occurrences, alert_last_seen_at, detected_at)
            VALUES (:key, :number, :title, :description, :severity, :impact, :customerFacing,
              :stage, :status, :product, :environment, :source, :fingerprint, :processInstanceId, :openedAt,
              :occurrences, :lastSeen, :detectedAt)
            """)
        .param("key", incident.key())
        .param("number", IncidentKeys.numberOf(incident.key()))
        .param("title", incident.title())
        .param("description", incident.description())
        .param("severity", incident.severity().name())
        .param("impact", incident.impact().name())
        .param("customerFacing", incident.customerFacing())
        .param("stage", Stage.OPEN.name())
        .param("status", Status.INVESTIGATING.name())
        .param("product", incident.product())
        .param("environment", incident.environment())
        .param("source", incident.source())
        .param("fingerprint", incident.alertFingerprint())
        .param("processInstanceId", incident.processInstanceId())
        .param("openedAt", incident.openedAt())
        .param("occurrences", incident.alertFingerprint() == null ? 0 : 1)
        .param("lastSeen", incident.alertFingerprint() == null ? null : incident.openedAt())
        .param("detectedAt", incident.detectedAt())
        .update();
  }

  public Optional<Incident> find(String key) {
    return jdbc.sql("SELECT * FROM incident WHERE incident_key = :key")
        .param("key", key)
        .query(this::incident)
        .optional();
  }

  /** The incident a process instance recorded, if it got that far. */
  public Optional<Incident> findByProcessInstance(String processInstanceId) {
    return jdbc.sql("SELECT * FROM incident WHERE process_instance_id = :id")
        .param("id", processInstanceId)
        .query(this::incident)
        .optional();
  }

  /**
   * The incident whose chat channel this is (Slack's channel id), if any; the newest, should a channel have been
   * reused (Slack's {@code name_taken} hands an existing channel to the incident).
   */
  public Optional<Incident> findByChatChannel(String channelId) {
    return jdbc.sql("SELECT * FROM incident WHERE chat_channel_id = :id ORDER BY incident_number DESC LIMIT 1")
        .param("id", channelId)
        .query(this::incident)
        .optional();
  }

  public Incident get(String key) {
    return find(key).orElseThrow(() -> new IncidentNotFoundException(key));
  }

  /** Newest first; all stages when {@code stage} is null. Two queries however many: the incidents, then their roles. */
  public List<Incident> list(Stage stage, int limit) {
    String where = stage == null ? "" : "WHERE stage = :stage ";
    var spec = jdbc.sql("SELECT * FROM incident " + where + "ORDER BY incident_number DESC LIMIT :limit")
        .param("limit", limit);
    if (stage != null) {
      spec = spec.param("stage", stage.name());
    }
    List<Incident> listed = spec.query((rs, n) -> incident(rs, Incident.Roles.NONE)).list();
    Map<String, Incident.Roles> roles = rolesOf(listed.stream().map(Incident::key).toList());
    return listed.stream().map(incident -> incident.withRoles(roles.get(incident.key()))).toList();
  }

  /** How many incidents alerts opened after {@code since} up to {@code until} (the storm guard's measure). */
  public long countOpenedByAlerts(OffsetDateTime since, OffsetDateTime until) {
    return jdbc.sql("SELECT COUNT(*) FROM incident WHERE opened_at > :since AND opened_at <= :until AND source <> :manual")
        .param("since", since).param("until", until).param("manual", IncidentProcess.SOURCE_MANUAL)
        .query(Long.class).single();
  }

  public void updateStage(String key, Stage stage) {
    requireOne(jdbc.sql("UPDATE incident SET stage = :stage WHERE incident_key = :key")
        .param("stage", stage.name()).param("key", key).update(), key);
  }

  public void recordStatusUpdate(String key, Status status, String update) {
    requireOne(jdbc.sql("UPDATE incident SET status = :status, last_status_update = :update WHERE incident_key = :key")
        .param("status", status.name()).param("update", update).param("key", key).update(), key);
  }

  public void changeSeverity(String key, Severity severity, Impact impact) {
    requireOne(jdbc.sql("UPDATE incident SET severity = :severity, impact = :impact WHERE incident_key = :key")
        .param("severity", severity.name()).param("impact", impact.name()).param("key", key).update(), key);
  }

  /** The source sent the incident's alert {@code count} more times. */
  public void recordAlertOccurrences(String key, long count, OffsetDateTime at) {
    requireOne(jdbc.sql("UPDATE incident SET alert_occurrences = alert_occurrences + :count, alert_last_seen_at = :at "
            + "WHERE incident_key = :key")
        .param("count", count).param("at", at).param("key", key).update(), key);
  }

  /** The source reports the incident's alert recovered; the incident stays open until its manager resolves it. */
  public void recordSourceRecovery(String key, OffsetDateTime at) {
    requireOne(jdbc.sql("UPDATE incident SET source_recovered_at = :at WHERE incident_key = :key")
        .param("at", at).param("key", key).update(), key);
  }

  /** The first acknowledgement counts; {@code true} when this was it. */
  public boolean acknowledge(String key, OffsetDateTime at) {
    return jdbc.sql("UPDATE incident SET acknowledged_at = :at WHERE incident_key = :key AND acknowledged_at IS NULL")
        .param("at", at).param("key", key).update() == 1;
  }

  public void resolve(String key, String summary, OffsetDateTime at) {
    requireOne(jdbc.sql("""
            UPDATE incident SET stage = :stage, status = :status, resolution_summary = :summary, resolved_at = :at
            WHERE incident_key = :key
            """)
        .param("stage", Stage.RESOLVED.name()).param("status", Status.RESOLVED.name())
        .param("summary", summary).param("at", at).param("key", key).update(), key);
  }

  /**
   * A resolved incident goes back into the Fix: investigating again, no longer resolved (the next resolution sets
   * {@code resolved_at} anew), reopened at {@code at}. {@code false} when it was not resolved (reopened already).
   */
  public boolean reopen(String key, OffsetDateTime at) {
    return jdbc.sql("""
            UPDATE incident SET stage = :fix, status = :status, resolved_at = NULL, reopened_at = :at,
              reopenings = reopenings + 1
            WHERE incident_key = :key AND stage = :resolved
            """)
        .param("fix", Stage.FIX.name()).param("status", Status.INVESTIGATING.name()).param("at", at)
        .param("key", key).param("resolved", Stage.RESOLVED.name()).update() == 1;
  }

  public void close(String key, OffsetDateTime at) {
    requireOne(jdbc.sql("UPDATE incident SET stage = :stage, closed_at = COALESCE(closed_at, :at) WHERE incident_key = :key")
        .param("stage", Stage.CLOSED.name()).param("at", at).param("key", key).update(), key);
  }

  /**
   * Stores a link to an outside tool unless one is there already (first write wins), notes it on the timeline, and
   * returns the link the incident has now. Committed in a transaction of its own before the step goes on: a retry of
   * a step that failed afterwards finds what the outside system created, and never replaces or duplicates it.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public ExternalLink link(String key, LinkKind kind, ExternalLink link) {
    int written = jdbc.sql("UPDATE incident SET %1$s_id = :id, %1$s_url = :url WHERE incident_key = :key AND %1$s_id IS NULL"
            .formatted(kind.column))
        .param("id", link.id()).param("url", link.url()).param("key", key).update();
    if (written == 1) {
      appendTimeline(key, kind.entryType, null, kind.opened + ": " + (link.url() == null ? link.id() : link.url()));
    }
    return jdbc.sql("SELECT %1$s_id, %1$s_url FROM incident WHERE incident_key = :key".formatted(kind.column))
        .param("key", key)
        .query((rs, n) -> new ExternalLink(rs.getString(1), rs.getString(2)))
        .single();
  }

  /**
   * Notes a failing step on the timeline and commits it now, so it stays when the step's transaction is rolled back;
   * the same failure again right after is not repeated.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void noteFailingStep(String key, String message) {
    String last = jdbc.sql("SELECT message FROM timeline_entry WHERE incident_key = :key ORDER BY id DESC LIMIT 1")
        .param("key", key)
        .query(String.class)
        .optional()
        .orElse(null);
    if (!message.equals(last) && find(key).isPresent()) {
      appendTimeline(key, TimelineEntryType.STEP_FAILING, null, message);
    }
  }

  /** Makes {@code users} the holders of {@code role}, replacing whoever held it. */
  public void assignRole(String key, Role role, List<String> users, OffsetDateTime at) {
    jdbc.sql("DELETE FROM incident_role WHERE incident_key = :key AND role = :role")
        .param("key", key).param("role", role.name()).update();
    for (String user : users) {
      jdbc.sql("INSERT INTO incident_role (incident_key, role, user_id, assigned_at) VALUES (:key, :role, :user, :at)")
          .param("key", key).param("role", role.name()).param("user", user).param("at", at).update();
    }
  }

  public void appendTimeline(String key, TimelineEntryType type, String actor, String message) {
    appendTimeline(key, type, actor, message, null);
  }

  public void appendTimeline(String key, TimelineEntryType type, String actor, String message, String details) {
    jdbc.sql("""
            INSERT INTO timeline_entry (incident_key, occurred_at, type, actor, message, details)
            VALUES (:key, :at, :type, :actor, :message, :details)
            """)
        .param("key", key).param("at", Timestamps.now()).param("type", type.name())
        .param("actor", actor).param("message", message).param("details", details)
        .update();
  }

  /** Appends a responder's note and returns it as the timeline reads it. */
  public TimelineEntry appendNote(String key, String author, String text) {
    OffsetDateTime at = Timestamps.now();
    var id = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO timeline_entry (incident_key, occurred_at, type, actor, message)
            VALUES (:key, :at, :type, :actor, :message)
            """)
        .param("key", key).param("at", at).param("type", TimelineEntryType.NOTE.name())
        .param("actor", author).param("message", text)
        .update(id, "id");
    return new TimelineEntry(id.getKey().longValue(), at, TimelineEntryType.NOTE, author, text, null);
  }

  /** An entry to append, for {@link #appendTimeline(List)}. */
  public record NewTimelineEntry(String key, TimelineEntryType type, String actor, String message, String details) {
  }

  /** Appends many entries in one batch, in their order (an alert storm brings thousands). */
  public void appendTimeline(List<NewTimelineEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    OffsetDateTime at = Timestamps.now();
    batch.batchUpdate("""
            INSERT INTO timeline_entry (incident_key, occurred_at, type, actor, message, details)
            VALUES (:key, :at, :type, :actor, :message, :details)
            """,
        entries.stream().map(entry -> new MapSqlParameterSource()
                .addValue("key", entry.key()).addValue("at", at).addValue("type", entry.type().name())
                .addValue("actor", entry.actor())
                .addValue("message", Texts.fit(entry.message(), IncidentLimits.TIMELINE_MESSAGE))
                .addValue("details", entry.details()))
            .toArray(SqlParameterSource[]::new));
  }

  public List<TimelineEntry> timeline(String key) {
    return jdbc.sql("SELECT * FROM timeline_entry WHERE incident_key = :key ORDER BY occurred_at, id")
        .param("key", key)
        .query((rs, n) -> new TimelineEntry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class),
            TimelineEntryType.valueOf(rs.getString("type")), rs.getString("actor"), rs.getString("message"),
            rs.getString("details")))
        .list();
  }

  private Incident incident(ResultSet rs, int row) throws SQLException {
    return incident(rs, roles(rs.getString("incident_key")));
  }

  private static Incident incident(ResultSet rs, Incident.Roles roles) throws SQLException {
    return new Incident(
        rs.getString("incident_key"),
        rs.getString("title"),
        rs.getString("description"),
        Severity.valueOf(rs.getString("severity")),
        Impact.valueOf(rs.getString("impact")),
        rs.getBoolean("customer_facing"),
        Stage.valueOf(rs.getString("stage")),
        Status.valueOf(rs.getString("status")),
        rs.getString("product"),
        rs.getString("environment"),
        rs.getString("source"),
        rs.getString("alert_fingerprint"),
        rs.getString("process_instance_id"),
        rs.getString("last_status_update"),
        rs.getString("resolution_summary"),
        rs.getObject("opened_at", OffsetDateTime.class),
        rs.getObject("acknowledged_at", OffsetDateTime.class),
        rs.getObject("resolved_at", OffsetDateTime.class),
        rs.getObject("closed_at", OffsetDateTime.class),
        link(rs, LinkKind.CHAT_CHANNEL),
        link(rs, LinkKind.TICKET),
        link(rs, LinkKind.STATUS_PAGE),
        link(rs, LinkKind.BRIDGE),
        roles,
        rs.getLong("alert_occurrences"),
        rs.getObject("alert_last_seen_at", OffsetDateTime.class),
        rs.getObject("source_recovered_at", OffsetDateTime.class),
        rs.getObject("reopened_at", OffsetDateTime.class),
        rs.getInt("reopenings"),
        rs.getObject("detected_at", OffsetDateTime.class));
  }

  private static ExternalLink link(ResultSet rs, LinkKind kind) throws SQLException {
    String id = rs.getString(kind.column + "_id");
    return id == null ? null : new ExternalLink(id, rs.getString(kind.column + "_url"));
  }

  private Incident.Roles roles(String key) {
    return roles(jdbc.sql("SELECT role, user_id FROM incident_role WHERE incident_key = :key ORDER BY assigned_at, user_id")
        .param("key", key)
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
        .list());
  }

  /** The roles of many incidents in one query; an incident nobody holds a role in gets {@link Incident.Roles#NONE}. */
  private Map<String, Incident.Roles> rolesOf(List<String> keys) {
    Map<String, List<String[]>> holders = new HashMap<>();
    keys.forEach(key -> holders.put(key, new ArrayList<>()));
    if (!keys.isEmpty()) {
      jdbc.sql("SELECT incident_key, role, user_id FROM incident_role WHERE incident_key IN (:keys) "
              + "ORDER BY assigned_at, user_id")
          .param("keys", keys)
          .query((ResultSet rs) -> {
            holders.get(rs.getString(1)).add(new String[] {rs.getString(2), rs.getString(3)});
          });
    }
    Map<String, Incident.Roles> roles = new HashMap<>();
    holders.forEach((key, held) -> roles.put(key, roles(held)));
    return roles;
  }

  /** Role holders, {@code {role, user}} in the order they were assigned. */
  private static Incident.Roles roles(List<String[]> holders) {
    String firstResponder = null;
    String incidentManager = null;
    String communicationsManager = null;
    List<String> domainExperts = new ArrayList<>();
    for (String[] holder : holders) {
      switch (Role.valueOf(holder[0])) {
        case FIRST_RESPONDER -> firstResponder = holder[1];
        case INCIDENT_MANAGER -> incidentManager = holder[1];
        case COMMUNICATIONS_MANAGER -> communicationsManager = holder[1];
        case DOMAIN_EXPERT -> domainExperts.add(holder[1]);
      }
    }
    return new Incident.Roles(firstResponder, incidentManager, communicationsManager, List.copyOf(domainExperts));
  }

  private static void requireOne(int updated, String key) {
    if (updated != 1) {
      throw new IncidentNotFoundException(key);
    }
  }
}
