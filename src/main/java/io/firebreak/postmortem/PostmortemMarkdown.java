package io.firebreak.postmortem;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.TimelineEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Renders a postmortem as Markdown from the company's template ({@code src/main/resources/templates/postmortem.md}):
 * {@code {{name}}} placeholders, filled with text as written and with tables for action items and timeline.
 */
@Component
public class PostmortemMarkdown {

  static final String TEMPLATE = "/templates/postmortem.md";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final String NONE = "—";

  private final String template;

  public PostmortemMarkdown() {
    try (InputStream in = PostmortemMarkdown.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("the postmortem template " + TEMPLATE + " is missing");
      }
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String render(PostmortemDocument postmortem) {
    Map<String, String> values = new LinkedHashMap<>();
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
    values.put("actionItems", actionItems(postmortem));
    values.put("timeline", timeline(postmortem));
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException("the postmortem template names an unknown placeholder {{" + matcher.group(1) + "}}");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String actionItems(PostmortemDocument postmortem) {
    if (postmortem.actionItems().isEmpty()) {
      return "No action items.";
    }
    StringBuilder table = new StringBuilder("| Action item | Owner | Priority | Jira | Due |\n|---|---|---|---|---|");
    for (PostmortemDocument.ActionItemLine item : postmortem.actionItems()) {
      String priority = item.important() && item.urgent() ? "important, urgent"
          : item.important() ? "important" : item.urgent() ? "urgent" : NONE;
      table.append("\n| ").append(cell(item.title()))
          .append(" | ").append(cell(item.owner()))
          .append(" | ").append(priority)
          .append(" | ").append(link(item.ticket(), item.ticket() == null ? null : item.ticket().id()))
          .append(" | ").append(item.due() == null ? NONE : item.due().toString())
          .append(" |");
    }
    return table.toString();
  }

  private static String timeline(PostmortemDocument postmortem) {
    StringBuilder table = new StringBuilder("| Time | Who | What |\n|---|---|---|");
    for (TimelineEntry entry : postmortem.timeline()) {
      table.append("\n| ").append(entry.occurredAt().atZoneSameInstant(ZoneOffset.UTC).format(MINUTE))
          .append(" | ").append(cell(entry.actor()))
          .append(" | ").append(cell(entry.message()))
          .append(" |");
    }
    return table.toString();
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
