package io.firebreak.integration;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import java.util.Optional;

/** The incident ticket, which follow-up work links to. */
public interface Ticketing {

  /** Creates the incident ticket; empty when no ticketing tool is configured. */
  Optional<ExternalLink> createTicket(Incident incident);

  /** Puts the incident's current links (channel, bridge, status page) on its ticket. Safe to repeat. */
  void linkTicket(Incident incident);

  /** The incident is closed: the ticket is done. Safe to repeat. */
  void closeTicket(Incident incident);

  /**
   * A follow-up (a postmortem's action item) as its own ticket; empty when no ticketing tool is configured. The
   * caller stores it before {@link #relateFollowUp}, so a retry after a failed relation creates no second ticket.
   */
  Optional<ExternalLink> createFollowUp(Incident incident, FollowUp followUp);

  /** Relates a follow-up created by {@link #createFollowUp} to the incident ticket. Safe to repeat. */
  void relateFollowUp(Incident incident, ExternalLink followUp);
}
