package io.firebreak.postmortem;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import java.util.Optional;

/** The tracker where a postmortem's action items become follow-up tickets, related to the incident ticket. */
public interface FollowUps {

  /**
   * A follow-up (a postmortem's action item) as its own ticket; empty when no ticketing tool is configured. The
   * caller stores it before {@link #relateFollowUp}, so a retry after a failed relation creates no second ticket.
   */
  Optional<ExternalLink> createFollowUp(Incident incident, FollowUp followUp);

  /** Relates a follow-up created by {@link #createFollowUp} to the incident ticket. Safe to repeat. */
  void relateFollowUp(Incident incident, ExternalLink followUp);
}
