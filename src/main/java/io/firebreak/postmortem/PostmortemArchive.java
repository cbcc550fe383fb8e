package io.firebreak.postmortem;

import io.firebreak.config.Database;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The postmortem records and the archive of published ones. Searching uses PostgreSQL's full-text search (English
 * stemming, web-search syntax: words, "quoted phrases", -excluded); on H2, the embedded default, every word must
 * appear in title or text.
 */
@Repository
public class PostmortemArchive {

  /** A published postmortem as the archive lists it. */
  public record PublishedPostmortem(String incidentKey, String title, String severity, OffsetDateTime publishedAt,
                                    String reviewUrl) {
  }

  private final JdbcClient jdbc;
  private final boolean postgres;

  PostmortemArchive(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.postgres = Database.of(dataSource) == Database.POSTGRESQL;
  }

  /** The incident's postmortem is under way; a second call changes nothing. */
  public void begin(String incidentKey, String title, String severity) {
    jdbc.sql("""
            INSERT INTO postmortem (incident_key, title, severity, state)
            SELECT :key, :title, :severity, 'PREPARING' FROM (VALUES (1)) AS one (x)
            WHERE NOT EXISTS (SELECT 1 FROM postmortem WHERE incident_key = :key)
            """)
        .param("key", incidentKey).param("title", title).param("severity", severity)
        .update();
  }

  public void publish(String incidentKey, String markdown, String reviewUrl, OffsetDateTime at) {
    int updated = jdbc.sql("""
            UPDATE postmortem SET state = 'PUBLISHED', markdown = :markdown, review_url = :reviewUrl,
              published_at = COALESCE(published_at, :at)
            WHERE incident_key = :key
            """)
        .param("markdown", markdown).param("reviewUrl", reviewUrl).param("at", at).param("key", incidentKey)
        .update();
    if (updated != 1) {
      throw new IllegalStateException("no postmortem for " + incidentKey + " to publish");
    }
  }

  /** Published postmortems, newest first; all of them when {@code query} is blank. */
  public List<PublishedPostmortem> search(String query, int limit) {
    List<String> words = query == null ? List.of() : List.of(query.trim().split("\\s+")).stream()
        .filter(word -> !word.isEmpty()).toList();
    StringBuilder sql = new StringBuilder(
        "SELECT incident_key, title, severity, published_at, review_url FROM postmortem WHERE state = 'PUBLISHED'");
    List<Object> parameters = new ArrayList<>();
    if (!words.isEmpty() && postgres) {
      sql.append(" AND to_tsvector('english', title || ' ' || coalesce(markdown, '')) @@ websearch_to_tsquery('english', ?)");
      parameters.add(query.trim());
    } else {
      for (String word : words) {
        sql.append(" AND (LOWER(title) LIKE ? ESCAPE '\\' OR LOWER(markdown) LIKE ? ESCAPE '\\')");
        String like = "%" + word.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        parameters.add(like);
        parameters.add(like);
      }
    }
    sql.append(" ORDER BY published_at DESC, incident_key DESC LIMIT ?");
    parameters.add(limit);
    return jdbc.sql(sql.toString())
        .params(parameters)
        .query((rs, n) -> new PublishedPostmortem(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class), rs.getString(5)))
        .list();
  }

  /** A published postmortem as the archive lists it; empty while it is not published. */
  public Optional<PublishedPostmortem> published(String incidentKey) {
    return jdbc.sql("""
            SELECT incident_key, title, severity, published_at, review_url FROM postmortem
            WHERE incident_key = :key AND state = 'PUBLISHED'
            """)
        .param("key", incidentKey)
        .query((rs, n) -> new PublishedPostmortem(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class), rs.getString(5)))
        .optional();
  }

  /** The Markdown of a published postmortem. */
  public Optional<String> markdown(String incidentKey) {
    return jdbc.sql("SELECT markdown FROM postmortem WHERE incident_key = :key AND state = 'PUBLISHED'")
        .param("key", incidentKey)
        .query(String.class)
        .optional();
  }
}
