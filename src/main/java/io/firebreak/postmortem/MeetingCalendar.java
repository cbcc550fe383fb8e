package io.firebreak.postmortem;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The calendar the postmortem meeting goes into, with a call link and its attendees invited. */
public interface MeetingCalendar {

  /**
   * Schedules a meeting with a call link and invites the attendees; {@code purpose} tells an incident's meetings
   * apart ("postmortem"), so scheduling the same one again finds it. Empty when no calendar is configured.
   */
  Optional<ExternalLink> scheduleMeeting(Incident incident, String purpose, Meeting meeting);

  /** A meeting to schedule. */
  record Meeting(String title, String description, OffsetDateTime start, Duration duration, List<String> attendees) {
  }
}
