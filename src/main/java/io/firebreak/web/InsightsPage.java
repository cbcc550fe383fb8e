package io.firebreak.web;

import io.firebreak.incident.IncidentReaders;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Severity;
import io.firebreak.postmortem.ActionItems;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /insights}: how fast incidents are taken on and resolved, where they come from, and the open action items. */
@Controller
class InsightsPage extends Pages {

  static final String VIEW = "insights";
  static final int MONTHS = 6;
  /** The newest incidents the figures count. */
  static final int INCIDENT_LIMIT = 1000;

  private final IncidentRepository incidents;
  private final ActionItems actionItems;
  private final IncidentReaders readers;

  InsightsPage(IncidentRepository incidents, ActionItems actionItems, IncidentReaders readers) {
    this.incidents = incidents;
    this.actionItems = actionItems;
    this.readers = readers;
  }

  @GetMapping("/insights")
  String insights(HttpServletRequest request, Model model) {
    readers.audience(groups(request));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Insights insights = Insights.of(incidents.list(null, INCIDENT_LIMIT), actionItems.open(now.toLocalDate()), now,
        MONTHS);
    List<String> severities = Insights.SEVERITIES.stream().map(Severity::name).toList();
    model.addAttribute("insights", insights);
    model.addAttribute("acknowledgeChart", SvgCharts.bars("Time to acknowledge by severity and month",
        insights.months(), severities, insights.minutesToAcknowledge(), "minutes"));
    model.addAttribute("resolveChart", SvgCharts.bars("Time to resolve by severity and month",
        insights.months(), severities, insights.hoursToResolve(), "hours"));
    model.addAttribute("sourceChart", SvgCharts.bars("Incidents by source and severity",
        insights.sources(), severities, insights.bySource(), "incidents"));
    model.addAttribute("actionItemChart", SvgCharts.bars("Action items open and overdue",
        List.of("action items"), List.of("open", "overdue"),
        new double[][] {{insights.actionItems().open(), insights.actionItems().overdue()}}, "items"));
    model.addAttribute("user", user(request));
    return VIEW;
  }
}
