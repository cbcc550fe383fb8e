package io.firebreak.postmortem;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the postmortem process keeps while it runs: the meeting, what each invitee prepared, the document and the pull
 * request under review. Every write joins the caller's transaction (a task completion or a step) unless it says so.
 */
@Repository
public class PostmortemRecords {

  /** A postmortem as the process sees it; the meeting, texts and review fields stay null until they happen. */
  public record Postmortem(String incidentKey, String title, String severity, String state, OffsetDateTime meetingAt,
                           String meetingUrl, OffsetDateTime meetingHeldAt, String summary, String impact,
                           String rootCauses, String markdown, String reviewUrl, Integer pullRequestNumber,
                           String reviewComments) {
  }

  /** What one invitee brought to the meeting; the texts are null until they filled in the form. */
  public record Preparation(String person, String whatHappened, String timeline, String contributingFactors,
                            OffsetDateTime submittedAt) {
  }

  private final JdbcClient jdbc;

  PostmortemRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Postmortem get(String incidentKey) {
    return jdbc.sql("""
            SELECT incident_key, title, severity, state, meeting_at, meeting_url, meeting_held_at, summary, impact,
              root_causes, markdown, review_url, pull_request_number, review_comments
            FROM postmortem WHERE incident_key = :key
            """)
        .param("key", incidentKey)
        .query((rs, n) -> new Postmortem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
            (Integer) rs.getObject(13), rs.getString(14)))
        .optional()
        .orElseThrow(() -> new IllegalStateException("no postmortem for " + incidentKey));
  }

  /** The meeting is set: its time and who is invited (each invitee gets a preparation to fill in). */
  public void scheduleMeeting(String incidentKey, OffsetDateTime at, List<String> invitees) {
    jdbc.sql("UPDATE postmortem SET meeting_at = :at, state = 'PREPARING' WHERE incident_key = :key")
        .param("at", at).param("key", incidentKey).update();
    jdbc.sql("DELETE FROM postmortem_preparation WHERE incident_key = :key AND submitted_at IS NULL")
        .param("key", incidentKey).update();
    for (String person : invitees) {
      jdbc.sql("""
              INSERT INTO postmortem_preparation (incident_key, person)
              SELECT :key, :person FROM (VALUES (1)) AS one (x)
              WHERE NOT EXISTS (SELECT 1 FROM postmortem_preparation WHERE incident_key = :key AND person = :person)
              """)
          .param("key", incidentKey).param("person", person).update();
    }
  }

  /** Who is invited, in a stable order (the preparation forms are handed out in it). */
  public List<String> invitees(String incidentKey) {
    return jdbc.sql("SELECT person FROM postmortem_preparation WHERE incident_key = :key ORDER BY person")
        .param("key", incidentKey).query(String.class).list();
  }

  public void meetingLink(String incidentKey, String url) {
    jdbc.sql("UPDATE postmortem SET meeting_url = :url WHERE incident_key = :key")
        .param("url", url).param("key", incidentKey).update();
  }

  public void prepare(String incidentKey, String person, String whatHappened, String timeline,
                      String contributingFactors, OffsetDateTime at) {
    int updated = jdbc.sql("""
            UPDATE postmortem_preparation SET what_happened = :whatHappened, timeline = :timeline,
              contributing_factors = :factors, submitted_at = :at
            WHERE incident_key = :key AND person = :person
            """)
        .param("whatHappened", whatHappened).param("timeline", timeline).param("factors", contributingFactors)
        .param("at", at).param("key", incidentKey).param("person", person)
        .update();
    if (updated != 1) {
      throw new IllegalStateException(person + " is not invited to the postmortem of " + incidentKey);
    }
  }

  public List<Preparation> preparations(String incidentKey) {
    return jdbc.sql("""
            SELECT person, what_happened, timeline, contributing_factors, submitted_at
            FROM postmortem_preparation WHERE incident_key = :key ORDER BY person
            """)
        .param("key", incidentKey)
        .query((rs, n) -> new Preparation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class)))
        .list();
  }

  /** The meeting was held: what it found. */
  public void holdMeeting(String incidentKey, String summary, String impact, String rootCauses, OffsetDateTime at) {
    jdbc.sql("""
            UPDATE postmortem SET summary = :summary, impact = :impact, root_causes = :rootCauses,
              meeting_held_at = :at, state = 'MEETING_HELD'
            WHERE incident_key = :key
            """)
        .param("summary", summary).param("impact", impact).param("rootCauses", rootCauses).param("at", at)
        .param("key", incidentKey)
        .update();
  }

  /** The Incident Manager revised the texts after the review sent the postmortem back. */
  public void revise(String incidentKey, String summary, String impact, String rootCauses) {
    jdbc.sql("UPDATE postmortem SET summary = :summary, impact = :impact, root_causes = :rootCauses WHERE incident_key = :key")
        .param("summary", summary).param("impact", impact).param("rootCauses", rootCauses).param("key", incidentKey)
        .update();
  }

  /** The rendered document, to be reviewed. */
  public void writeDocument(String incidentKey, String markdown) {
    jdbc.sql("UPDATE postmortem SET markdown = :markdown, state = 'IN_REVIEW' WHERE incident_key = :key")
        .param("markdown", markdown).param("key", incidentKey).update();
  }

  public void reviewComments(String incidentKey, String comments) {
    jdbc.sql("UPDATE postmortem SET review_comments = :comments WHERE incident_key = :key")
        .param("comments", comments).param("key", incidentKey).update();
  }

  /** The pull request that reviews the document; committed on its own so a retried step finds it. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void proposed(String incidentKey, int pullRequestNumber, String url) {
    jdbc.sql("UPDATE postmortem SET pull_request_number = :number, review_url = :url WHERE incident_key = :key")
        .param("number", pullRequestNumber).param("url", url).param("key", incidentKey).update();
  }

  /**
   * The postmortem a pull request reviews. Numbers are the repository's, so after a move to another repository two
   * postmortems may share one: then the one not published yet, and of those the newest incident's.
   */
  public Optional<String> findByPullRequest(int pullRequestNumber) {
    return jdbc.sql("""
            SELECT p.incident_key FROM postmortem p JOIN incident i ON i.incident_key = p.incident_key
            WHERE p.pull_request_number = :number
            ORDER BY CASE WHEN p.state = 'PUBLISHED' THEN 1 ELSE 0 END, i.incident_number DESC
            """)
        .param("number", pullRequestNumber).query(String.class).list().stream().findFirst();
  }
}
