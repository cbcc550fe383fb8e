package io.firebreak.incident;

import java.util.Optional;

/** Calls: the war room (bridge) of a high-severity incident. */
public interface Conference {

  Optional<ExternalLink> openBridge(Incident incident);
}
