package io.firebreak.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.incident.Impact;
import io.firebreak.incident.Incident;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Stage;
import io.firebreak.incident.Status;
import io.firebreak.postmortem.ActionItems;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The insights' figures and their SVG, without a page: averages per severity and month, counts per source. */
class InsightsTest {

  static final OffsetDateTime NOW = OffsetDateTime.of(2026, 3, 15, 12, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void timesToAcknowledgeAndResolveAreAveragedBySeverityAndMonthOfDetection() {
    List<Incident> incidents = List.of(
        incident("alertmanager", Severity.SEV1, NOW.minusDays(1), 10, 120),
        incident("alertmanager", Severity.SEV1, NOW.minusDays(2), 20, 240),
        incident("pingdom", Severity.SEV3, NOW.minusMonths(1), 60, null),
        incident("manual", Severity.SEV2, NOW.minusMonths(7), 5, 30));

    Insights insights = Insights.of(incidents, new ActionItems.OpenItems(3, 1), NOW, 6);

    assertThat(insights.months()).containsExactly("2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03");
    assertThat(insights.minutesToAcknowledge()[5][Severity.SEV1.ordinal()]).isEqualTo(15);
    assertThat(insights.hoursToResolve()[5][Severity.SEV1.ordinal()]).isEqualTo(3);
    assertThat(insights.minutesToAcknowledge()[4][Severity.SEV3.ordinal()]).isEqualTo(60);
    assertThat(insights.hoursToResolve()[4][Severity.SEV3.ordinal()]).as("not resolved yet: no figure").isZero();
    assertThat(insights.sources()).containsExactly("alertmanager", "manual", "pingdom");
    assertThat(insights.bySource()[0][Severity.SEV1.ordinal()]).isEqualTo(2);
    assertThat(insights.bySource()[2][Severity.SEV3.ordinal()]).isEqualTo(1);
    assertThat(insights.actionItems()).isEqualTo(new ActionItems.OpenItems(3, 1));
  }

  @Test
  void theChartsLabelsAreEscapedAndEveryBarIsDrawn() {
    String svg = SvgCharts.bars("Incidents by source", List.of("<script>x</script>", "pingdom"),
        List.of("SEV1", "SEV2"), new double[][] {{2, 0}, {1, 4}}, "incidents");

    assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("&lt;script&gt;x&lt;/script&gt;")
        .doesNotContain("<script>").contains("pingdom, SEV2: 4 incidents");
    assertThat(svg.split("<rect ", -1)).as("4 bars and 2 legend keys").hasSize(1 + 4 + 2);
  }

  private static Incident incident(String source, Severity severity, OffsetDateTime opened, int minutesToAcknowledge,
                                   Integer minutesToResolve) {
    return new Incident("INC-1", "t", null, severity, Impact.MINOR, false, Stage.FIX, Status.INVESTIGATING, null,
        null, source, null, null, null, null, opened, opened.plusMinutes(minutesToAcknowledge),
        minutesToResolve == null ? null : opened.plusMinutes(minutesToResolve), null, null, null, null, null,
        Incident.Roles.NONE, 0, null, null, null, 0, null);
  }
}
