package io.firebreak.integration;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import java.util.Optional;

/** The incident ticket, which follow-up work links to. */
public interface Ticketing {

  Optional<ExternalLink> createTicket(Incident incident);

  void closeTicket(Incident incident);
}
