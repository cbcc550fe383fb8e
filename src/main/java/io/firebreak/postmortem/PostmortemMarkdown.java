package io.firebreak.postmortem;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.TimelineEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Renders a postmortem as Markdown from the company's Mustache template
 * ({@code src/main/resources/templates/postmortem.md}): sections and {@code {{name}}} fields, filled with text as
 * written (Markdown, so nothing is HTML-escaped) and with table rows for action items and timeline, whose cells are
 * escaped for Markdown tables here.
 */
@Component
public class PostmortemMarkdown {

  static final String TEMPLATE = "/templates/postmortem.md";
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final String NONE = "—";

  private final Template template;

  public PostmortemMarkdown() {
    try (InputStream in = PostmortemMarkdown.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("the postmortem template " + TEMPLATE + " is missing");
      }
      template = Mustache.compiler().escapeHTML(false)
          .compile(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String render(PostmortemDocument postmortem) {
    Map<String, Object> values = new HashMap<>();
    values.put("incidentKey", postmortem.incidentKey());
    values.put("title", inline(postmortem.title()));
    values.put("date", postmortem.date().toString());
    values.put("product", cell(postmortem.product()));
    values.put("environments", cell(postmortem.environments()));
    values.put("severity", cell(postmortem.severity()));
    values.put("incidentManager", cell(postmortem.incidentManager()));
    values.put("involvedPeople", postmortem.involvedPeople().isEmpty() ? NONE
        : cell(String.join(", ", postmortem.involvedPeople())));
    values.put("slackChannel", link(postmortem.slackChannel(), null));
    values.put("alert", postmortem.alertUrl() == null ? NONE : "<" + postmortem.alertUrl() + ">");
    values.put("ticket", link(postmortem.ticket(), postmortem.ticket() == null ? null : postmortem.ticket().id()));
    values.put("summary", block(postmortem.summary()));
    values.put("impact", block(postmortem.impact()));
    values.put("rootCauses", block(postmortem.rootCauses()));
    values.put("hasActionItems", !postmortem.actionItems().isEmpty());
    values.put("actionItems", postmortem.actionItems().stream().map(PostmortemMarkdown::actionItem).toList());
    values.put("timeline", postmortem.timeline().stream().map(PostmortemMarkdown::timelineRow).toList());
    return template.execute(values);
  }

  private static Map<String, String> actionItem(PostmortemDocument.ActionItemLine item) {
    String priority = item.important() && item.urgent() ? "important, urgent"
        : item.important() ? "important" : item.urgent() ? "urgent" : NONE;
    return Map.of(
        "title", cell(item.title()),
        "owner", cell(item.owner()),
        "priority", priority,
        "jira", link(item.ticket(), item.ticket() == null ? null : item.ticket().id()),
        "due", item.due() == null ? NONE : item.due().toString());
  }

  private static Map<String, String> timelineRow(TimelineEntry entry) {
    return Map.of(
        "time", entry.occurredAt().atZoneSameInstant(ZoneOffset.UTC).format(MINUTE),
        "who", cell(entry.actor()),
        "what", cell(entry.message()));
  }

  private static String link(ExternalLink link, String label) {
    if (link == null) {
      return NONE;
    }
    if (link.url() == null) {
      return cell(link.id());
    }
    return label == null ? "<" + link.url() + ">" : "[" + cell(label) + "](" + link.url() + ")";
  }

  /** Text in a table cell: one line, pipes escaped. */
  private static String cell(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    return text.strip().replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
  }

  private static String inline(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** A section's text as written (Markdown allowed), with Windows line ends made plain. */
  private static String block(String text) {
    return text == null || text.isBlank() ? "_Not written._" : text.strip().replace("\r\n", "\n");
  }
}
