package io.firebreak.incident;

import java.util.Optional;

/** The public status page. */
public interface StatusPage {

  /** Creates the status-page incident with the first update, updates it afterwards; empty when not configured. */
  Optional<ExternalLink> publishUpdate(Incident incident, ExternalUpdate update);

  void resolve(Incident incident, String finalMessage);
}
