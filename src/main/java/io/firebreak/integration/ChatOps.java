package io.firebreak.integration;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import java.util.Optional;

/** The incident's chat channel: where responders work and see every update. */
public interface ChatOps {

  /** Opens (or finds) the incident's channel; empty when no chat tool is configured. */
  Optional<ExternalLink> openChannel(Incident incident);

  void postStatusUpdate(Incident incident, StatusUpdate update);

  void remindStatusUpdate(Incident incident, String interval);

  void announceResolution(Incident incident);

  /** Tells the Incident Manager that the alert's source reports recovery; resolving stays their call. */
  void noticeSourceRecovered(Incident incident, String note);
}
