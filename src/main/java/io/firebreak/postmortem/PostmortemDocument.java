package io.firebreak.postmortem;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.TimelineEntry;
import java.time.LocalDate;
import java.util.List;

/** Everything a published postmortem says, gathered from the incident, the meeting and the action items. */
public record PostmortemDocument(
    String incidentKey,
    String title,
    LocalDate date,
    String product,
    String environments,
    String severity,
    String incidentManager,
    List<String> involvedPeople,
    ExternalLink slackChannel,
    String alertUrl,
    ExternalLink ticket,
    String summary,
    String impact,
    String rootCauses,
    List<ActionItemLine> actionItems,
    List<TimelineEntry> timeline) {

  /** One action item as the postmortem lists it; {@code ticket} and {@code due} may be null. */
  public record ActionItemLine(String title, String owner, boolean important, boolean urgent, ExternalLink ticket,
                               LocalDate due) {
  }
}
