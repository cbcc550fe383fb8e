package io.firebreak.postmortem;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.incident.Timestamps;
import io.firebreak.postmortem.ActionItems.ActionItem;
import org.springframework.stereotype.Service;

/**
 * The rules of an action item after the meeting, each in one place: it is done once, by its owner in Tasklist or by
 * its Jira issue reaching Done, and the incident's timeline says so; an important and urgent one past its deadline is
 * escalated to the Incident Manager. Called by action-item.bpmn's listeners and by the Jira webhook.
 */
@Service
public class ActionItemTracking {

  /** Who is recorded as having done an item that was done in Jira. */
  static final String DONE_IN_JIRA = "jira";

  private final ActionItems actionItems;
  private final IncidentRepository incidents;

  ActionItemTracking(ActionItems actionItems, IncidentRepository incidents) {
    this.actionItems = actionItems;
    this.incidents = incidents;
  }

  /**
   * The owner completed "Implement action item".
   *
   * @return whether it was done now (false: it was done already)
   */
  public boolean doneByOwner(long id, String owner) {
    ActionItem item = actionItems.get(id);
    return done(item, owner, owner, "Action item done: " + item.title());
  }

  /**
   * Its Jira issue reached Done; {@code by} is who moved it there as Jira names them, if Jira says.
   *
   * @return whether it was done now (false: it was done already)
   */
  public boolean doneInJira(long id, String issue, String by) {
    ActionItem item = actionItems.get(id);
    return done(item, DONE_IN_JIRA, null, "Action item done: " + item.title() + " (" + issue + " is done in Jira"
        + (by == null ? "" : ", by " + by) + ")");
  }

  /** "Chase the overdue action item" opens for the Incident Manager. */
  public void overdue(long id, String incidentManager) {
    ActionItem item = actionItems.get(id);
    incidents.appendTimeline(item.incidentKey(), TimelineEntryType.POSTMORTEM, null, "Action item \"" + item.title()
        + "\" owned by " + item.owner() + " is past its deadline of " + item.due() + "; escalated to "
        + incidentManager);
  }

  private boolean done(ActionItem item, String doneBy, String actor, String entry) {
    if (!actionItems.finish(item.id(), doneBy, Timestamps.now())) {
      return false;
    }
    incidents.appendTimeline(item.incidentKey(), TimelineEntryType.POSTMORTEM, actor, entry);
    return true;
  }
}
