package io.firebreak.integration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Impact;
import io.firebreak.incident.Incident;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Stage;
import io.firebreak.incident.Status;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The stakeholder email's parts, without a mail server: what a hostile title or link turns into. */
class StakeholderMailTest {

  private static final String HOSTILE = "<script>alert(1)</script> & \"q\"";

  @Test
  void theHtmlPartEscapesTitleSummaryAndLinks() {
    Incident incident = resolved(HOSTILE, "Rolled back <img src=x onerror=alert(2)>",
        new ExternalLink("OPS-1", "https://jira.example/browse/OPS-1?a=1&b=\"2\""));

    String html = SmtpMailer.html(incident);

    assertThat(html)
        .contains("<h2>INC-9 is resolved</h2>")
        .contains("<strong>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</strong>")
        .contains("<p>Rolled back &lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;</p>")
        .contains("<li><a href=\"https://jira.example/browse/OPS-1?a&#x3D;1&amp;b&#x3D;&quot;2&quot;\">Ticket</a></li>")
        .contains("Severity SEV2, customer impact " + Impact.MAJOR.value())
        .doesNotContain("<script>", "<img", "\"q\"");
  }

  @Test
  void thePlainTextPartKeepsTheTitleAsWritten() {
    String text = SmtpMailer.text(resolved(HOSTILE, null, null));

    assertThat(text).startsWith("INC-9 is resolved.\n\n" + HOSTILE + "\n")
        .contains("Severity: SEV2, customer impact: " + Impact.MAJOR.value() + "\n")
        .contains("Opened: 2026-11-02 13:03 UTC\nResolved: 2026-11-02 14:00 UTC\n");
  }

  @Test
  void anIncidentWithoutSummaryOrLinksHasAnEmptyParagraphAndList() {
    String html = SmtpMailer.html(resolved("Queue backlog", null, null));

    assertThat(html).contains("<strong>Queue backlog</strong>", "<p></p>").doesNotContain("<li>", "null");
  }

  private static Incident resolved(String title, String summary, ExternalLink ticket) {
    OffsetDateTime opened = OffsetDateTime.of(2026, 11, 2, 14, 3, 0, 0, ZoneOffset.ofHours(1));
    return new Incident("INC-9", title, null, Severity.SEV2, Impact.MAJOR, true, Stage.RESOLVED, Status.RESOLVED,
        null, null, "manual", null, "pi-9", null, summary, opened, null, opened.plusMinutes(57), null, null, ticket,
        null, null, Incident.Roles.NONE, 0, null, null, null, 0, null);
  }
}
