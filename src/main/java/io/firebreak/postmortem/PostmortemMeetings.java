package io.firebreak.postmortem;

import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.KnownPeople;
import io.firebreak.incident.RejectedInput;
import io.firebreak.incident.RuleDurations;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.incident.Timestamps;
import io.firebreak.postmortem.ActionItems.AgreedActionItem;
import io.firebreak.postmortem.PostmortemRecords.Preparation;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * The rules of the postmortem's preparation and meeting, each in one place: when the meeting is due, who is invited,
 * what a preparation form and the meeting's outcome must hold. The postmortem model's listeners map form fields in
 * and variables out and call these; the deadlines and the timebox are the model's (ISO-8601 durations passed in).
 * What a rule refuses is a {@link RejectedInput} naming the form field.
 */
@Service
public class PostmortemMeetings {

  static final int MAX_ACTION_ITEMS = 50;
  static final int MAX_ACTION_ITEM_TITLE = 300;

  private final PostmortemRecords records;
  private final ActionItems actionItems;
  private final IncidentRepository incidents;
  private final KnownPeople people;
  private final PostmortemSettings settings;

  PostmortemMeetings(PostmortemRecords records, ActionItems actionItems, IncidentRepository incidents,
                     KnownPeople people, PostmortemSettings settings) {
    this.records = records;
    this.actionItems = actionItems;
    this.incidents = incidents;
    this.people = people;
    this.settings = settings;
  }

  /** When the meeting is due, and the model's rule for it as people read it ("14 days", or "the deadline"). */
  public record Deadline(OffsetDateTime at, String within) {
  }

  /**
   * The meeting is due {@code meetingWithin} (the model's rule, e.g. {@code P14D}) after the resolution; a postmortem
   * started before the rule was in the model carries its own deadline instead.
   */
  public Deadline deadline(OffsetDateTime resolvedAt, OffsetDateTime legacyDeadline, Object meetingWithin) {
    String within = meetingWithin == null ? "the deadline"
        : RuleDurations.readable(meetingWithin, PostmortemProcess.Variables.MEETING_WITHIN);
    if (resolvedAt == null && legacyDeadline != null) {
      return new Deadline(legacyDeadline, within);
    }
    OffsetDateTime from = resolvedAt == null ? Timestamps.now() : resolvedAt;
    return new Deadline(RuleDurations.after(from, meetingWithin, PostmortemProcess.Variables.MEETING_WITHIN), within);
  }

  /** Who is invited unless the Incident Manager changes it: everyone who held a role, Incident Manager first. */
  public List<String> involved(String incidentKey) {
    Incident.Roles roles = incidents.get(incidentKey).roles();
    LinkedHashSet<String> involved = new LinkedHashSet<>();
    Stream.concat(Stream.of(roles.incidentManager(), roles.firstResponder(), roles.communicationsManager()),
            roles.domainExperts().stream())
        .filter(person -> person != null && !person.isBlank())
        .forEach(involved::add);
    return List.copyOf(involved);
  }

  /**
   * "Schedule postmortem meeting": a time in the future and before the deadline (once the deadline has passed, any
   * time in the future beats no meeting), with people Firebreak knows; the Incident Manager is always invited.
   *
   * @return who is invited
   */
  public List<String> scheduleMeeting(String incidentKey, String actor, OffsetDateTime at, Deadline deadline,
                                      List<String> invitees) {
    if (at == null) {
      throw new RejectedInput("Meeting time is required (form field 'meetingAt')");
    }
    OffsetDateTime now = Timestamps.now();
    if (!at.isAfter(now)) {
      throw new RejectedInput("The meeting must be in the future, not " + MeetingTimes.readable(at)
          + " (form field 'meetingAt')");
    }
    if (at.isAfter(deadline.at()) && now.isBefore(deadline.at())) {
      throw new RejectedInput("The meeting must be held within " + deadline.within()
          + " of the resolution, by " + MeetingTimes.readable(deadline.at()) + " (form field 'meetingAt')");
    }
    Set<String> invited = new LinkedHashSet<>(invitees);
    Incident incident = incidents.get(incidentKey);
    if (incident.roles().incidentManager() != null) {
      invited.add(incident.roles().incidentManager());
    }
    for (String person : invited) {
      if (!people.exists(person)) {
        throw new RejectedInput("Unknown person '" + person + "' (form field 'invitees')");
      }
    }
    records.scheduleMeeting(incident.key(), at, List.copyOf(invited));
    incidents.appendTimeline(incident.key(), TimelineEntryType.POSTMORTEM, actor,
        "Postmortem meeting scheduled for " + MeetingTimes.readable(at) + " with " + String.join(", ", invited));
    return List.copyOf(invited);
  }

  /** "Fill in the preparation form": what the invitee saw and did is required, the rest optional. */
  public void submitPreparation(String incidentKey, String person, String whatHappened, String timeline,
                                String contributingFactors) {
    if (whatHappened == null || whatHappened.isBlank()) {
      throw new RejectedInput("What you saw and did is required (form field 'whatHappened')");
    }
    records.prepare(incidentKey, person, whatHappened.trim(), timeline, contributingFactors, Timestamps.now());
  }

  /** What everyone wrote in their preparation form, and who has not answered, for the Incident Manager to read. */
  public String gatheredPreparation(String incidentKey) {
    StringBuilder gathered = new StringBuilder();
    for (Preparation preparation : records.preparations(incidentKey)) {
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
    return gathered.toString().trim();
  }

  /** What the meeting found, as the document has it; held and revised alike, each text is required. */
  public record MeetingOutcome(String summary, String impact, String rootCauses) {

    /** The texts trimmed; refused when one is missing. */
    MeetingOutcome required() {
      return new MeetingOutcome(text(summary, "Summary", "summary"), text(impact, "Impact", "impactDescription"),
          text(rootCauses, "Root causes", "rootCauses"));
    }

    private static String text(String text, String label, String field) {
      if (text == null || text.isBlank()) {
        throw new RejectedInput(label + " is required (form field '" + field + "')");
      }
      return text.trim();
    }
  }

  /** An action item as the meeting proposes it; the fields as submitted (trimmed, null when empty). */
  public record ProposedActionItem(String title, String description, String owner, boolean important, boolean urgent) {
  }

  /**
   * "Hold postmortem meeting": the findings, and at most {@value #MAX_ACTION_ITEMS} action items, each with a title
   * and an owner Firebreak knows; the important and urgent ones are due {@code actionItemDeadline} (the model's rule,
   * e.g. {@code P42D}) after the meeting.
   *
   * @return the action items as agreed
   */
  public List<AgreedActionItem> holdMeeting(String incidentKey, String actor, MeetingOutcome outcome,
                                            List<ProposedActionItem> proposed, Object actionItemDeadline) {
    MeetingOutcome found = outcome.required();
    OffsetDateTime now = Timestamps.now();
    List<AgreedActionItem> items = agreed(proposed, RuleDurations.after(now, actionItemDeadline,
        PostmortemProcess.Variables.ACTION_ITEM_DEADLINE).toLocalDate());
    records.holdMeeting(incidentKey, found.summary(), found.impact(), found.rootCauses(), now);
    actionItems.agree(incidentKey, items);
    incidents.appendTimeline(incidentKey, TimelineEntryType.POSTMORTEM, actor, "Postmortem meeting held: "
        + items.size() + (items.size() == 1 ? " action item" : " action items")
        + (items.isEmpty() ? "" : " (" + items.stream().filter(i -> i.due() != null).count() + " important and urgent)"));
    return items;
  }

  /** Nobody held the meeting in time: on the timeline, escalated to the Incident Manager and the lead group. */
  public void meetingOverdue(String incidentKey, Deadline deadline, String incidentManager) {
    incidents.appendTimeline(incidentKey, TimelineEntryType.POSTMORTEM, null, "No postmortem meeting held within "
        + deadline.within() + " of the resolution; escalated to " + incidentManager + " and "
        + settings.getLeadGroup());
  }

  /** Who fills in a preparation form: everyone invited. */
  public List<String> invitees(String incidentKey) {
    return records.invitees(incidentKey);
  }

  private List<AgreedActionItem> agreed(List<ProposedActionItem> proposed, LocalDate deadline) {
    if (proposed.size() > MAX_ACTION_ITEMS) {
      throw new RejectedInput("At most " + MAX_ACTION_ITEMS + " action items (form field 'actionItems')");
    }
    List<AgreedActionItem> items = new ArrayList<>();
    for (int i = 0; i < proposed.size(); i++) {
      ProposedActionItem item = proposed.get(i);
      String where = " (action item " + (i + 1) + ", form field 'actionItems')";
      String title = item.title();
      if (title == null || title.isBlank()) {
        throw new RejectedInput("Every action item needs a title" + where);
      }
      if (title.length() > MAX_ACTION_ITEM_TITLE) {
        throw new RejectedInput("An action item's title has at most " + MAX_ACTION_ITEM_TITLE + " characters" + where);
      }
      String owner = item.owner();
      if (owner == null || owner.isBlank()) {
        throw new RejectedInput("Every action item needs an owner: \"" + title + "\" has none" + where);
      }
      if (!people.exists(owner)) {
        throw new RejectedInput("Unknown owner '" + owner + "' of \"" + title + "\"" + where);
      }
      items.add(new AgreedActionItem(title, item.description(), owner, item.important(), item.urgent(),
          item.important() && item.urgent() ? deadline : null));
    }
    return items;
  }
}
