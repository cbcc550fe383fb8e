package io.firebreak.postmortem;

import io.firebreak.config.FirebreakGroups;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the postmortem models read from configuration: the lead group, which reviews postmortems in Tasklist (when no
 * git repository reviews them) and is told, with the Incident Manager, when no meeting was held in time.
 */
@Component("postmortemSettings")
public class PostmortemSettings {

  private final String leadGroup;

  PostmortemSettings(@Value("${firebreak.postmortem.lead-group:}") String leadGroup) {
    this.leadGroup = leadGroup == null || leadGroup.isBlank() ? FirebreakGroups.POSTMORTEM_LEADS : leadGroup.trim();
  }

  public String getLeadGroup() {
    return leadGroup;
  }
}
