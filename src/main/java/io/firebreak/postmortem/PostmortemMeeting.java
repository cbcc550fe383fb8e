package io.firebreak.postmortem;

import static io.firebreak.incident.ProcessVariables.rejectedAsBadRequest;
import static io.firebreak.postmortem.PostmortemProcess.Variables.*;

import io.firebreak.incident.People;
import io.firebreak.incident.ProcessVariables;
import io.firebreak.incident.RuleDurations;
import io.firebreak.postmortem.PostmortemMeetings.Deadline;
import io.firebreak.postmortem.PostmortemMeetings.MeetingOutcome;
import io.firebreak.postmortem.PostmortemMeetings.ProposedActionItem;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * Preparation and meeting, as the postmortem model's task listeners: what each form is offered when the task is
 * created, and what its submission must hold before the task completes. The rules are {@link PostmortemMeetings}';
 * these map form fields in and variables out. A form value that is wrong is a {@link BadUserRequestException}:
 * Tasklist shows its message and the task stays open.
 */
@Component("postmortemMeeting")
public class PostmortemMeeting {

  private final PostmortemMeetings meetings;
  private final People people;

  PostmortemMeeting(PostmortemMeetings meetings, People people) {
    this.meetings = meetings;
    this.people = people;
  }

  /** "Schedule postmortem meeting" opens: everyone involved in the incident is invited unless the IM changes it. */
  public void offerSchedule(DelegateTask task) {
    people.offer(task);
    if (task.getVariable(INVITEES) == null) {
      task.setVariable(INVITEES, ProcessVariables.jsonList(meetings.involved(PostmortemVariables.incidentKey(task))));
    }
    task.setVariableLocal(MEETING_DUE, MeetingTimes.readable(deadlineOf(task).at()));
    task.setVariableLocal(MEETING_RULES, rules(task));
  }

  /**
   * When the meeting is due: the resolution plus the model's {@code meetingWithin} (an input of "Prepare and hold the
   * postmortem meeting"). The model's due dates and its overdue timer ask this.
   */
  public Date deadline(VariableScope scope) {
    return MeetingTimes.date(deadlineOf(scope).at());
  }

  private Deadline deadlineOf(VariableScope scope) {
    return meetings.deadline(PostmortemVariables.resolvedAt(scope), PostmortemVariables.legacyMeetingDeadline(scope),
        PostmortemVariables.rule(scope, MEETING_WITHIN));
  }

  /** "1.5 hours, at most 14 days after the resolution": the model's rules as the forms say them. */
  private String rules(VariableScope scope) {
    return RuleDurations.readable(PostmortemVariables.rule(scope, MEETING_TIMEBOX), MEETING_TIMEBOX) + ", at most "
        + deadlineOf(scope).within() + " after the resolution";
  }

  /** "Schedule postmortem meeting" is submitted: a time before the deadline, and people Firebreak knows. */
  public void schedule(DelegateTask task) {
    OffsetDateTime at = ProcessVariables.parsed(task, MEETING_AT, MeetingTimes::parse);
    List<String> invitees = ProcessVariables.userIds(task, INVITEES);
    Deadline deadline = deadlineOf(task);
    List<String> invited = rejectedAsBadRequest(() -> meetings.scheduleMeeting(PostmortemVariables.incidentKey(task),
        task.getAssignee(), at, deadline, invitees));
    task.setVariable(MEETING_AT, MeetingTimes.date(at));
    task.setVariable(INVITEES, ProcessVariables.jsonList(invited));
  }

  /** Who fills in a preparation form: everyone invited (the model's multi-instance collection). */
  public List<String> invitees(String incidentKey) {
    return meetings.invitees(incidentKey);
  }

  /** "Fill in the preparation form" is submitted. */
  public void prepare(DelegateTask task) {
    rejectedAsBadRequest(() -> meetings.submitPreparation(PostmortemVariables.incidentKey(task), task.getAssignee(),
        ProcessVariables.text(task, WHAT_HAPPENED), ProcessVariables.text(task, PERSONAL_TIMELINE),
        ProcessVariables.text(task, CONTRIBUTING_FACTORS)));
  }

  /** "Prepare meeting" opens: what everyone wrote, and who has not answered. */
  public void showPreparation(DelegateTask task) {
    task.setVariableLocal(PREPARATION, meetings.gatheredPreparation(PostmortemVariables.incidentKey(task)));
    task.setVariableLocal(MEETING_TIME, MeetingTimes.readable(PostmortemVariables.meetingAt(task)));
  }

  /** "Hold postmortem meeting" opens: the timebox, and the people action items can be given to. */
  public void openMeeting(DelegateTask task) {
    people.offer(task);
    task.setVariableLocal(TIMEBOX, MeetingTimes.timebox(PostmortemVariables.meetingAt(task),
        PostmortemVariables.rule(task, MEETING_TIMEBOX)));
    task.setVariableLocal(ACTION_ITEM_RULE, "within "
        + RuleDurations.readable(PostmortemVariables.rule(task, ACTION_ITEM_DEADLINE), ACTION_ITEM_DEADLINE)
        + " of the meeting");
  }

  /** "Hold postmortem meeting" is submitted: the findings, and every action item with a title and an owner. */
  public void hold(DelegateTask task) {
    MeetingOutcome outcome = new MeetingOutcome(ProcessVariables.text(task, SUMMARY),
        ProcessVariables.text(task, IMPACT_DESCRIPTION), ProcessVariables.text(task, ROOT_CAUSES));
    List<ProposedActionItem> proposed = rows(task.getVariable(ACTION_ITEMS)).stream()
        .map(row -> new ProposedActionItem(ProcessVariables.text(row.get("title")),
            ProcessVariables.text(row.get("description")), ProcessVariables.text(row.get("owner")),
            ProcessVariables.flag(row.get("important")), ProcessVariables.flag(row.get("urgent"))))
        .toList();
    rejectedAsBadRequest(() -> meetings.holdMeeting(PostmortemVariables.incidentKey(task), task.getAssignee(),
        outcome, proposed, PostmortemVariables.rule(task, ACTION_ITEM_DEADLINE)));
  }

  /** Nobody held the meeting in time: the lead group hears of it with the Incident Manager. */
  public void overdue(DelegateTask task) {
    Deadline deadline = deadlineOf(task);
    task.setVariableLocal(MEETING_DUE, MeetingTimes.readable(deadline.at()));
    task.setVariableLocal(MEETING_WITHIN_TEXT, deadline.within());
    meetings.meetingOverdue(PostmortemVariables.incidentKey(task), deadline,
        PostmortemVariables.incidentManager(task));
  }

  /** Action items as Tasklist submits its dynamic list (a Json array of objects), or as a Java list of maps. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rows(Object value) {
    if (value == null || value.toString().isBlank()) {
      return List.of();
    }
    if (value instanceof Collection<?> collection) {
      return collection.stream().map(item -> (Map<String, Object>) item).toList();
    }
    SpinJsonNode json = value instanceof SpinJsonNode node ? node : Spin.JSON(value.toString());
    if (!json.isArray()) {
      throw new BadUserRequestException("Action items must be a list (form field 'actionItems')");
    }
    return json.elements().stream().map(item -> {
      if (!item.isObject()) {
        throw new BadUserRequestException("Every action item must be an object with title and owner (form field 'actionItems')");
      }
      Map<String, Object> row = new java.util.HashMap<>();
      for (String field : item.fieldNames()) {
        SpinJsonNode v = item.prop(field);
        row.put(field, v.isNull() ? null : v.isValue() ? v.value() : v.toString());
      }
      return row;
    }).toList();
  }
}
