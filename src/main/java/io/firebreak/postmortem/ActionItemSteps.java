package io.firebreak.postmortem;

import static io.firebreak.incident.IncidentProcess.Variables.INCIDENT_KEY;
import static io.firebreak.incident.IncidentProcess.Variables.INCIDENT_MANAGER;
import static io.firebreak.postmortem.PostmortemProcess.Variables.ACTION_ITEM_DUE;
import static io.firebreak.postmortem.PostmortemProcess.Variables.ACTION_ITEM_ID;
import static io.firebreak.postmortem.PostmortemProcess.Variables.ACTION_ITEM_OWNER;

import io.firebreak.incident.FailingSteps;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.incident.Timestamps;
import io.firebreak.postmortem.ActionItems.ActionItem;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * One action item from agreement to done ({@code processes/action-item.bpmn}): its owner works on it, is reminded
 * weekly, and the Incident Manager is told when an important and urgent one passes its 6-week deadline.
 */
@Component("actionItem")
public class ActionItemSteps {

  private final ActionItems actionItems;
  private final IncidentRepository incidents;

  ActionItemSteps(ActionItems actionItems, IncidentRepository incidents) {
    this.actionItems = actionItems;
    this.incidents = incidents;
  }

  /** The instance starts: the item's owner, title and deadline (none unless important and urgent) as variables. */
  public void load(DelegateExecution execution) {
    ActionItem item = item(execution);
    execution.setVariable(ACTION_ITEM_OWNER, item.owner());
    execution.setVariable("actionItemTitle", item.title());
    execution.setVariable("actionItemDescription", item.description());
    execution.setVariable("actionItemTicket", item.ticket() == null ? null : item.ticket().url());
    execution.setVariable("actionItemPriority", priority(item));
    execution.setVariable(ACTION_ITEM_DUE, item.due() == null ? null
        : MeetingTimes.date(item.due().atTime(23, 59, 59).atOffset(ZoneOffset.UTC)));
  }

  /** The owner completed "Implement action item". */
  public void done(DelegateTask task) {
    ActionItem item = item(task.getExecution());
    if (actionItems.finish(item.id(), task.getAssignee(), Timestamps.now())) {
      incidents.appendTimeline(item.incidentKey(), TimelineEntryType.POSTMORTEM, task.getAssignee(),
          "Action item done: " + item.title());
    }
  }

  /** "Chase the overdue action item" opens for the Incident Manager. */
  public void overdue(DelegateTask task) {
    ActionItem item = item(task.getExecution());
    incidents.appendTimeline(item.incidentKey(), TimelineEntryType.POSTMORTEM, null, "Action item \"" + item.title()
        + "\" owned by " + item.owner() + " is past its deadline of " + item.due() + "; escalated to "
        + task.getExecution().getVariable(INCIDENT_MANAGER));
  }

  /** "Remind the owner": weekly, in the incident's channel. */
  @Bean
  static JavaDelegate remindActionItemOwner(ActionItemReminders reminders, IncidentRepository incidents, ActionItems actionItems,
                                            FailingSteps failingSteps) {
    return failingSteps.noted(execution -> {
      ActionItem item = actionItems.get(((Number) execution.getVariable(ACTION_ITEM_ID)).longValue());
      reminders.remindActionItem(incidents.get((String) execution.getVariable(INCIDENT_KEY)),
          new ActionItemReminders.ActionItemReminder(item.owner(), item.title(), item.ticket() == null ? null : item.ticket().url(),
              item.due()));
    });
  }

  static String priority(ActionItem item) {
    return item.important() && item.urgent() ? "Important and urgent: done within 6 weeks"
        : item.important() ? "Important" : item.urgent() ? "Urgent" : "Normal";
  }

  private ActionItem item(DelegateExecution execution) {
    return actionItems.get(((Number) execution.getVariable(ACTION_ITEM_ID)).longValue());
  }
}
