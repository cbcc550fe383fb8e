package io.firebreak.postmortem;

import io.firebreak.postmortem.PostmortemArchive.PublishedPostmortem;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The postmortem repository's front page, {@code index.md}: every published postmortem, newest first, with its date,
 * severity and a link to its file, and the {@code mkdocs.yml} that makes MkDocs (or Backstage TechDocs, which adds its
 * own plugin) render the directory as a site. The titles are people's words: Markdown in them stays text.
 */
public final class PostmortemIndex {

  private PostmortemIndex() {
  }

  /** {@code index.md} over these postmortems (in any order: the page lists them newest first). */
  public static String markdown(List<PublishedPostmortem> published) {
    StringBuilder page = new StringBuilder("""
        # Postmortems

        Every published postmortem, newest first. Firebreak writes this page each time one is published; \
        change the postmortems themselves through a pull request.

        """);
    if (published.isEmpty()) {
      page.append("No postmortem is published yet.\n");
    }
    published.stream()
        .sorted((a, b) -> b.publishedAt().compareTo(a.publishedAt()) != 0 ? b.publishedAt().compareTo(a.publishedAt())
            : b.incidentKey().compareTo(a.incidentKey()))
        .forEach(postmortem -> page.append("- ")
            .append(postmortem.publishedAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate())
            .append(" · ").append(postmortem.severity() == null ? "" : postmortem.severity() + " · ")
            .append('[').append(postmortem.incidentKey()).append(": ").append(text(postmortem.title())).append("](")
            .append(postmortem.incidentKey()).append(".md)\n"));
    return page.toString();
  }

  /** {@code mkdocs.yml} for a repository whose postmortems live in {@code directory}. */
  public static String siteConfig(String directory) {
    return """
        # Written once by Firebreak; yours to change (Firebreak never overwrites it).
        site_name: Postmortems
        docs_dir: %s
        """.formatted(directory);
  }

  /** A title as plain text in Markdown: every punctuation mark that Markdown reads is escaped, line breaks are spaces. */
  static String text(String title) {
    StringBuilder escaped = new StringBuilder();
    for (char c : (title == null ? "" : title).replaceAll("[\\r\\n]+", " ").toCharArray()) {
      if ("\\`*_{}[]()<>#+-.!|~&".indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
