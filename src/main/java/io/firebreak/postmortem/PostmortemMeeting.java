package io.firebreak.postmortem;

import static io.firebreak.incident.IncidentProcess.Variables.INCIDENT_KEY;
import static io.firebreak.postmortem.PostmortemProcess.Variables.*;

import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.People;
import io.firebreak.incident.ProcessVariables;
import io.firebreak.incident.RuleDurations;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.incident.Timestamps;
import io.firebreak.postmortem.ActionItems.AgreedActionItem;
import io.firebreak.postmortem.PostmortemRecords.Preparation;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * Preparation and meeting, as the postmortem model's task listeners: what each form is offered when the task is
 * created, and what its submission must hold before the task completes. A form value that is wrong is a
 * {@link BadUserRequestException}: Tasklist shows its message and the task stays open.
 */
@Component("postmortemMeeting")
public class PostmortemMeeting {

  static final int MAX_ACTION_ITEMS = 50;

  private final PostmortemRecords records;
  private final ActionItems actionItems;
  private final IncidentRepository incidents;
  private final People people;
  private final PostmortemSettings settings;

  PostmortemMeeting(PostmortemRecords records, ActionItems actionItems, IncidentRepository incidents, People people,
                    PostmortemSettings settings) {
    this.records = records;
    this.actionItems = actionItems;
    this.incidents = incidents;
    this.people = people;
    this.settings = settings;
  }

  /** "Schedule postmortem meeting" opens: everyone involved in the incident is invited unless the IM changes it. */
  public void offerSchedule(DelegateTask task) {
    people.offer(task);
    Incident incident = incidents.get(key(task));
    if (task.getVariable(INVITEES) == null) {
      task.setVariable(INVITEES, ProcessVariables.jsonList(involved(incident)));
    }
    task.setVariableLocal("meetingDue", MeetingTimes.readable(MeetingTimes.of(deadline(task))));
    task.setVariableLocal("meetingRules", rules(task));
  }

  /**
   * When the meeting is due: the resolution plus the model's {@code meetingWithin} (an input of "Prepare and hold the
   * postmortem meeting"). The model's due dates and its overdue timer ask this.
   */
  public Date deadline(VariableScope scope) {
    Object resolvedAt = scope.getVariable(RESOLVED_AT);
    if (resolvedAt == null && scope.getVariable(MEETING_DEADLINE) != null) {
      return (Date) scope.getVariable(MEETING_DEADLINE); // a postmortem started before the rule was in the model
    }
    OffsetDateTime from = resolvedAt == null ? Timestamps.now() : MeetingTimes.of((Date) resolvedAt);
    return MeetingTimes.date(RuleDurations.after(from, scope.getVariable(MEETING_WITHIN), MEETING_WITHIN));
  }

  /** "1.5 hours, at most 14 days after the resolution": the model's rules as the forms say them. */
  private static String rules(VariableScope scope) {
    return RuleDurations.readable(scope.getVariable(MEETING_TIMEBOX), MEETING_TIMEBOX) + ", at most "
        + within(scope) + " after the resolution";
  }

  private static String within(VariableScope scope) {
    return scope.getVariable(MEETING_WITHIN) == null ? "the deadline"
        : RuleDurations.readable(scope.getVariable(MEETING_WITHIN), MEETING_WITHIN);
  }

  /** "Schedule postmortem meeting" is submitted: a time before the deadline, and people Firebreak knows. */
  public void schedule(DelegateTask task) {
    OffsetDateTime at = ProcessVariables.parsed(task, MEETING_AT, MeetingTimes::parse);
    if (at == null) {
      throw new BadUserRequestException("Meeting time is required (form field 'meetingAt')");
    }
    OffsetDateTime deadline = MeetingTimes.of(deadline(task));
    if (!at.isAfter(Timestamps.now())) {
      throw new BadUserRequestException("The meeting must be in the future, not " + MeetingTimes.readable(at)
          + " (form field 'meetingAt')");
    }
    // Once the deadline has passed (and the lead group was told), any time in the future beats no meeting.
    if (at.isAfter(deadline) && Timestamps.now().isBefore(deadline)) {
      throw new BadUserRequestException("The meeting must be held within " + within(task)
          + " of the resolution, by " + MeetingTimes.readable(deadline) + " (form field 'meetingAt')");
    }
    Set<String> invitees = new LinkedHashSet<>(ProcessVariables.userIds(task, INVITEES));
    Incident incident = incidents.get(key(task));
    if (incident.roles().incidentManager() != null) {
      invitees.add(incident.roles().incidentManager());
    }
    for (String person : invitees) {
      if (!people.exists(person)) {
        throw new BadUserRequestException("Unknown person '" + person + "' (form field 'invitees')");
      }
    }
    records.scheduleMeeting(incident.key(), at, List.copyOf(invitees));
    task.setVariable(MEETING_AT, MeetingTimes.date(at));
    task.setVariable(INVITEES, ProcessVariables.jsonList(List.copyOf(invitees)));
    incidents.appendTimeline(incident.key(), TimelineEntryType.POSTMORTEM, task.getAssignee(),
        "Postmortem meeting scheduled for " + MeetingTimes.readable(at) + " with " + String.join(", ", invitees));
  }

  /** Who fills in a preparation form: everyone invited (the model's multi-instance collection). */
  public List<String> invitees(String incidentKey) {
    return records.invitees(incidentKey);
  }

  /** "Fill in the preparation form" is submitted. */
  public void prepare(DelegateTask task) {
    String whatHappened = ProcessVariables.requiredText(task, WHAT_HAPPENED, "What you saw and did");
    records.prepare(key(task), task.getAssignee(), whatHappened, ProcessVariables.text(task, PERSONAL_TIMELINE),
        ProcessVariables.text(task, CONTRIBUTING_FACTORS), Timestamps.now());
  }

  /** "Prepare meeting" opens: what everyone wrote, and who has not answered. */
  public void showPreparation(DelegateTask task) {
    StringBuilder gathered = new StringBuilder();
    for (Preparation preparation : records.preparations(key(task))) {
      gathered.append(preparation.person());
      if (preparation.submittedAt() == null) {
        gathered.append(": no preparation form yet\n\n");
        continue;
      }
      gathered.append('\n').append("What happened: ").append(preparation.whatHappened()).append('\n');
      if (preparation.timeline() != null) {
        gathered.append("Timeline: ").append(preparation.timeline()).append('\n');
      }
      if (preparation.contributingFactors() != null) {
        gathered.append("Contributing factors: ").append(preparation.contributingFactors()).append('\n');
      }
      gathered.append('\n');
    }
    task.setVariableLocal("preparation", gathered.toString().trim());
    task.setVariableLocal("meetingTime", MeetingTimes.readable(MeetingTimes.of((Date) task.getVariable(MEETING_AT))));
  }

  /** "Hold postmortem meeting" opens: the timebox, and the people action items can be given to. */
  public void openMeeting(DelegateTask task) {
    people.offer(task);
    task.setVariableLocal("timebox", MeetingTimes.timebox(MeetingTimes.of((Date) task.getVariable(MEETING_AT)),
        task.getVariable(MEETING_TIMEBOX)));
    task.setVariableLocal("actionItemRule", "within "
        + RuleDurations.readable(task.getVariable(ACTION_ITEM_DEADLINE), ACTION_ITEM_DEADLINE) + " of the meeting");
  }

  /** "Hold postmortem meeting" is submitted: the findings, and every action item with a title and an owner. */
  public void hold(DelegateTask task) {
    String summary = ProcessVariables.requiredText(task, SUMMARY, "Summary");
    String impact = ProcessVariables.requiredText(task, IMPACT_DESCRIPTION, "Impact");
    String rootCauses = ProcessVariables.requiredText(task, ROOT_CAUSES, "Root causes");
    OffsetDateTime now = Timestamps.now();
    List<AgreedActionItem> items = agreedActionItems(task.getVariable(ACTION_ITEMS),
        RuleDurations.after(now, task.getVariable(ACTION_ITEM_DEADLINE), ACTION_ITEM_DEADLINE).toLocalDate());
    String key = key(task);
    records.holdMeeting(key, summary, impact, rootCauses, now);
    actionItems.agree(key, items);
    incidents.appendTimeline(key, TimelineEntryType.POSTMORTEM, task.getAssignee(), "Postmortem meeting held: "
        + items.size() + (items.size() == 1 ? " action item" : " action items")
        + (items.isEmpty() ? "" : " (" + items.stream().filter(i -> i.due() != null).count() + " important and urgent)"));
  }

  /** Nobody held the meeting in time: the lead group hears of it with the Incident Manager. */
  public void overdue(DelegateTask task) {
    task.setVariableLocal("meetingDue", MeetingTimes.readable(MeetingTimes.of(deadline(task))));
    task.setVariableLocal("meetingWithinText", within(task));
    incidents.appendTimeline(key(task), TimelineEntryType.POSTMORTEM, null, "No postmortem meeting held within "
        + within(task) + " of the resolution; escalated to "
        + task.getVariable(io.firebreak.incident.IncidentProcess.Variables.INCIDENT_MANAGER) + " and "
        + settings.getLeadGroup());
  }

  private List<AgreedActionItem> agreedActionItems(Object value, java.time.LocalDate deadline) {
    List<Map<String, Object>> rows = rows(value);
    if (rows.size() > MAX_ACTION_ITEMS) {
      throw new BadUserRequestException("At most " + MAX_ACTION_ITEMS + " action items (form field 'actionItems')");
    }
    List<AgreedActionItem> items = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = rows.get(i);
      String where = " (action item " + (i + 1) + ", form field 'actionItems')";
      String title = ProcessVariables.text(row.get("title"));
      if (title == null) {
        throw new BadUserRequestException("Every action item needs a title" + where);
      }
      if (title.length() > 300) {
        throw new BadUserRequestException("An action item's title has at most 300 characters" + where);
      }
      String owner = ProcessVariables.text(row.get("owner"));
      if (owner == null) {
        throw new BadUserRequestException("Every action item needs an owner: \"" + title + "\" has none" + where);
      }
      if (!people.exists(owner)) {
        throw new BadUserRequestException("Unknown owner '" + owner + "' of \"" + title + "\"" + where);
      }
      boolean important = ProcessVariables.flag(row.get("important"));
      boolean urgent = ProcessVariables.flag(row.get("urgent"));
      items.add(new AgreedActionItem(title, ProcessVariables.text(row.get("description")), owner, important, urgent,
          important && urgent ? deadline : null));
    }
    return items;
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

  /** Everyone who held a role in the incident, Incident Manager first. */
  static List<String> involved(Incident incident) {
    Incident.Roles roles = incident.roles();
    LinkedHashSet<String> involved = new LinkedHashSet<>();
    Stream.concat(Stream.of(roles.incidentManager(), roles.firstResponder(), roles.communicationsManager()),
            roles.domainExperts().stream())
        .filter(person -> person != null && !person.isBlank())
        .forEach(involved::add);
    return List.copyOf(involved);
  }

  private static String key(DelegateTask task) {
    return (String) task.getVariable(INCIDENT_KEY);
  }
}
