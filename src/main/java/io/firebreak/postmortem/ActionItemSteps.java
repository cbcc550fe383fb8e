package io.firebreak.postmortem;

import static io.firebreak.postmortem.PostmortemProcess.Variables.ACTION_ITEM_DESCRIPTION;
import static io.firebreak.postmortem.PostmortemProcess.Variables.ACTION_ITEM_DUE;
import static io.firebreak.postmortem.PostmortemProcess.Variables.ACTION_ITEM_OWNER;
import static io.firebreak.postmortem.PostmortemProcess.Variables.ACTION_ITEM_PRIORITY;
import static io.firebreak.postmortem.PostmortemProcess.Variables.ACTION_ITEM_TICKET;
import static io.firebreak.postmortem.PostmortemProcess.Variables.ACTION_ITEM_TITLE;

import io.firebreak.incident.FailingSteps;
import io.firebreak.incident.IncidentRepository;
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
  private final ActionItemTracking tracking;

  ActionItemSteps(ActionItems actionItems, ActionItemTracking tracking) {
    this.actionItems = actionItems;
    this.tracking = tracking;
  }

  /** The instance starts: the item's owner, title and deadline (none unless important and urgent) as variables. */
  public void load(DelegateExecution execution) {
    ActionItem item = item(execution);
    execution.setVariable(ACTION_ITEM_OWNER, item.owner());
    execution.setVariable(ACTION_ITEM_TITLE, item.title());
    execution.setVariable(ACTION_ITEM_DESCRIPTION, item.description());
    execution.setVariable(ACTION_ITEM_TICKET, item.ticket() == null ? null : item.ticket().url());
    execution.setVariable(ACTION_ITEM_PRIORITY, priority(item));
    execution.setVariable(ACTION_ITEM_DUE, item.due() == null ? null
        : MeetingTimes.date(item.due().atTime(23, 59, 59).atOffset(ZoneOffset.UTC)));
  }

  /** The owner completed "Implement action item". */
  public void done(DelegateTask task) {
    tracking.doneByOwner(PostmortemVariables.actionItemId(task.getExecution()), task.getAssignee());
  }

  /** "Chase the overdue action item" opens for the Incident Manager. */
  public void overdue(DelegateTask task) {
    tracking.overdue(PostmortemVariables.actionItemId(task.getExecution()), PostmortemVariables.incidentManager(task));
  }

  /** "Remind the owner": weekly, in the incident's channel. */
  @Bean
  static JavaDelegate remindActionItemOwner(ActionItemReminders reminders, IncidentRepository incidents, ActionItems actionItems,
                                            FailingSteps failingSteps) {
    return failingSteps.noted(execution -> {
      ActionItem item = actionItems.get(PostmortemVariables.actionItemId(execution));
      reminders.remindActionItem(incidents.get(PostmortemVariables.incidentKey(execution)),
          new ActionItemReminders.ActionItemReminder(item.owner(), item.title(),
              item.ticket() == null ? null : item.ticket().url(),
              item.due()));
    });
  }

  static String priority(ActionItem item) {
    return item.important() && item.urgent() ? "Important and urgent: done within 6 weeks"
        : item.important() ? "Important" : item.urgent() ? "Urgent" : "Normal";
  }

  private ActionItem item(DelegateExecution execution) {
    return actionItems.get(PostmortemVariables.actionItemId(execution));
  }
}
