package io.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class PostmortemMarkdownTest {

  private final PostmortemMarkdown markdown = new PostmortemMarkdown();

  @Test
  void aPostmortemRendersAsTheExpectedMarkdown() throws Exception {
    OffsetDateTime declared = OffsetDateTime.of(2026, 11, 2, 14, 3, 0, 0, ZoneOffset.ofHours(1));
    PostmortemDocument postmortem = new PostmortemDocument("INC-42", "Technical difficulties with the US server",
        LocalDate.of(2026, 11, 2), "Intranet", "prod/us1", "SEV2", "ivan", List.of("frida", "ivan", "carla", "dora"),
        new ExternalLink("C0INC", "https://acme.slack.com/archives/C0INC"), "https://vmalert.example/alert/1",
        new ExternalLink("OPS-101", "https://acme.atlassian.net/browse/OPS-101"),
        "Uploads in the US failed for 47 minutes.\r\nA storage node ran out of disk.",
        "About 300 customers could not upload media; no data was lost.",
        "- No alert on disk usage of storage nodes\n- Cleanup job disabled since the last migration",
        List.of(
            new PostmortemDocument.ActionItemLine("Alert on storage node disk usage", "dora", true, true,
                new ExternalLink("OPS-102", "https://acme.atlassian.net/browse/OPS-102"), LocalDate.of(2026, 12, 14)),
            new PostmortemDocument.ActionItemLine("Re-enable cleanup | with a test", "carla", true, false,
                new ExternalLink("OPS-103", "https://acme.atlassian.net/browse/OPS-103"), null),
            new PostmortemDocument.ActionItemLine("Document the runbook", "ivan", false, false, null, null)),
        List.of(
            new TimelineEntry(1, declared, TimelineEntryType.DECLARED, "frida", "Declared by frida as SEV2: Uploads fail",
                null),
            new TimelineEntry(2, declared.plusMinutes(4), TimelineEntryType.ROLE_ASSIGNED, "ivan",
                "Incident Manager: ivan", null),
            new TimelineEntry(3, declared.plusMinutes(47), TimelineEntryType.RESOLVED, "ivan",
                "Resolved: moved uploads\nto a healthy node", null)));

    String expected = new String(Objects.requireNonNull(getClass().getResourceAsStream("/postmortem/INC-42.md"))
        .readAllBytes(), StandardCharsets.UTF_8);
    assertThat(markdown.render(postmortem)).isEqualTo(expected);
  }

  @Test
  void aPostmortemWithoutActionItemsSaysSoAndItsTextIsNotHtmlEscaped() {
    PostmortemDocument postmortem = new PostmortemDocument("INC-7", "Checkout <b>down</b> & \"slow\"",
        LocalDate.of(2026, 11, 3), null, null, "SEV3", null, List.of(), null, null, null, null, "Some <i>users</i>",
        null, List.of(), List.of());

    String rendered = markdown.render(postmortem);

    assertThat(rendered).startsWith("# Postmortem INC-7: Checkout <b>down</b> & \"slow\"\n")
        .contains("| Product | — |\n", "| Involved People | — |\n", "| Slack Channel | — |\n",
            "## Summary\n\n_Not written._\n\n## Impact\n\nSome <i>users</i>\n",
            "## Action Items\n\nNo action items.\n\n## Timeline\n")
        .endsWith("| Time | Who | What |\n|---|---|---|\n")
        .doesNotContain("| Action item |", "&amp;", "&lt;");
  }
}
