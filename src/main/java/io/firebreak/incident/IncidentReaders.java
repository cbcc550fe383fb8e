package io.firebreak.incident;

import io.firebreak.config.FirebreakGroups;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Who may read incidents and postmortems, and how much. Responders (members of a role group) read everything;
 * viewers ({@code incident-viewers}) read incidents and their timelines without the raw data of the entries (alert
 * payloads as the sources sent them); anyone else reads nothing.
 */
@Service
public class IncidentReaders {

  /** How much a reader sees. */
  public enum Audience { RESPONDER, VIEWER }

  static final List<String> RESPONDER_GROUPS = FirebreakGroups.ALL.stream().map(group -> group[0]).toList();

  /**
   * The audience of a user in these groups.
   *
   * @throws IncidentReadingForbiddenException when the groups allow reading nothing
   */
  public Audience audience(Collection<String> groups) {
    if (groups.stream().anyMatch(RESPONDER_GROUPS::contains)) {
      return Audience.RESPONDER;
    }
    if (groups.contains(FirebreakGroups.INCIDENT_VIEWERS)) {
      return Audience.VIEWER;
    }
    throw new IncidentReadingForbiddenException("reading incidents and postmortems needs membership in group "
        + FirebreakGroups.INCIDENT_VIEWERS + " or in a role group (" + String.join(", ", RESPONDER_GROUPS) + ")");
  }

  /** The timeline as this audience sees it. */
  public List<TimelineEntry> timeline(Audience audience, List<TimelineEntry> timeline) {
    if (audience == Audience.RESPONDER) {
      return timeline;
    }
    return timeline.stream()
        .map(e -> new TimelineEntry(e.id(), e.occurredAt(), e.type(), e.actor(), e.message(), null))
        .collect(Collectors.toList());
  }
}
