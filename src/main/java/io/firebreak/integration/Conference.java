package io.firebreak.integration;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import java.util.Optional;

/** A call ("bridge") where responders of a high-severity incident talk. */
public interface Conference {

  Optional<ExternalLink> openBridge(Incident incident);
}
