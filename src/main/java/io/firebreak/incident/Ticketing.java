package io.firebreak.incident;

import java.util.Optional;

/** The incident ticket, which follow-up work links to. */
public interface Ticketing {

  /** Creates the incident ticket; empty when no ticketing tool is configured. */
  Optional<ExternalLink> createTicket(Incident incident);

  /** Puts the incident's current links (channel, bridge, status page) on its ticket. Safe to repeat. */
  void linkTicket(Incident incident);

  /** The incident is closed: the ticket is done. Safe to repeat. */
  void closeTicket(Incident incident);
}
