package io.firebreak.postmortem;

import io.firebreak.incident.ExternalLink;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The action items a postmortem meeting agreed on, each owned by one person. The bean name is what the postmortem
 * model calls to hand out one {@code action-item} instance per open item.
 */
@Component("postmortemActionItems")
public class ActionItems {

  /** States an action item goes through. */
  public static final String OPEN = "OPEN";
  public static final String DONE = "DONE";

  /** An action item; {@code due} only for important and urgent ones, {@code ticket} once filed. */
  public record ActionItem(long id, String incidentKey, int position, String title, String description, String owner,
                           boolean important, boolean urgent, LocalDate due, ExternalLink ticket, String state,
                           OffsetDateTime doneAt, String doneBy) {

    public boolean done() {
      return DONE.equals(state);
    }
  }

  /** An action item as the meeting writes it down. */
  public record AgreedActionItem(String title, String description, String owner, boolean important, boolean urgent,
                                 LocalDate due) {
  }

  private static final String COLUMNS = """
      id, incident_key, position, title, description, owner, important, urgent, due_on, ticket_id, ticket_url, state,
      done_at, done_by""";

  private final JdbcClient jdbc;

  ActionItems(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What the meeting agreed replaces what a previous submission of the same meeting wrote. */
  public void agree(String incidentKey, List<AgreedActionItem> items) {
    jdbc.sql("DELETE FROM action_item WHERE incident_key = :key").param("key", incidentKey).update();
    int position = 1;
    for (AgreedActionItem item : items) {
      jdbc.sql("""
              INSERT INTO action_item (incident_key, position, title, description, owner, important, urgent, due_on, state)
              VALUES (:key, :position, :title, :description, :owner, :important, :urgent, :due, 'OPEN')
              """)
          .param("key", incidentKey).param("position", position++).param("title", item.title())
          .param("description", item.description()).param("owner", item.owner()).param("important", item.important())
          .param("urgent", item.urgent()).param("due", item.due())
          .update();
    }
  }

  /** How many action items are open, and how many of them are past their due day on {@code today}. */
  public record OpenItems(long open, long overdue) {
  }

  public OpenItems open(LocalDate today) {
    return jdbc.sql("""
            SELECT COUNT(*), COALESCE(SUM(CASE WHEN due_on < :today THEN 1 ELSE 0 END), 0)
            FROM action_item WHERE state = 'OPEN'
            """)
        .param("today", today)
        .query((rs, n) -> new OpenItems(rs.getLong(1), rs.getLong(2)))
        .single();
  }

  public List<ActionItem> list(String incidentKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM action_item WHERE incident_key = :key ORDER BY position")
        .param("key", incidentKey).query(ActionItems::row).list();
  }

  /** The ids of the items still open: one {@code action-item} instance each. */
  public List<Long> openIds(String incidentKey) {
    return jdbc.sql("SELECT id FROM action_item WHERE incident_key = :key AND state = 'OPEN' ORDER BY position")
        .param("key", incidentKey).query(Long.class).list();
  }

  public ActionItem get(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM action_item WHERE id = :id").param("id", id)
        .query(ActionItems::row).optional()
        .orElseThrow(() -> new IllegalStateException("no action item " + id));
  }

  /** The item whose ticket this is (a Jira key such as {@code OPS-7}). */
  public Optional<ActionItem> findByTicket(String ticketId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM action_item WHERE ticket_id = :ticket").param("ticket", ticketId)
        .query(ActionItems::row).optional();
  }

  /** The item's ticket, committed at once and only the first time, so a retried step files it once. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void fileTicket(long id, ExternalLink ticket) {
    jdbc.sql("UPDATE action_item SET ticket_id = :ticket, ticket_url = :url WHERE id = :id AND ticket_id IS NULL")
        .param("ticket", ticket.id()).param("url", ticket.url()).param("id", id).update();
  }

  /** Done, by its owner or by its ticket; {@code false} when it was done already. */
  public boolean finish(long id, String by, OffsetDateTime at) {
    return jdbc.sql("UPDATE action_item SET state = 'DONE', done_at = :at, done_by = :by WHERE id = :id AND state = 'OPEN'")
        .param("at", at).param("by", by).param("id", id).update() == 1;
  }

  private static ActionItem row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    String ticketId = rs.getString(10);
    java.sql.Date due = rs.getDate(9);
    return new ActionItem(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), due == null ? null : due.toLocalDate(),
        ticketId == null ? null : new ExternalLink(ticketId, rs.getString(11)), rs.getString(12),
        rs.getObject(13, OffsetDateTime.class), rs.getString(14));
  }
}
