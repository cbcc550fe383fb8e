package io.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentTables;
import io.firebreak.incident.RejectedInput;
import io.firebreak.incident.Role;
import io.firebreak.incident.Severity;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.incident.Timestamps;
import io.firebreak.postmortem.ActionItems.ActionItem;
import io.firebreak.postmortem.ActionItems.AgreedActionItem;
import io.firebreak.postmortem.PostmortemMeetings.Deadline;
import io.firebreak.postmortem.PostmortemMeetings.MeetingOutcome;
import io.firebreak.postmortem.PostmortemMeetings.ProposedActionItem;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The postmortem meeting's rules without Spring or the process engine: the real repositories over H2 migrated by
 * Flyway; the models' rules passed in as the models write them (P14D, P42D). Only the identity service is a set of
 * user ids.
 */
class PostmortemMeetingsTest {

  private final IncidentTables tables = new IncidentTables();
  private final IncidentRepository incidents = tables.incidents();
  private final PostmortemRecords records = new PostmortemRecords(tables.jdbc());
  private final ActionItems actionItems = new ActionItems(tables.jdbc());
  private final PostmortemMeetings meetings = new PostmortemMeetings(records, actionItems, incidents,
      Set.of("ivan", "frida", "carla", "dora", "dan")::contains, new PostmortemSettings("postmortem-leads"));
  private final OffsetDateTime now = Timestamps.now();
  private String key;

  @BeforeEach
  void aResolvedIncidentWithItsPostmortemUnderWay() {
    key = tables.recordIncident("Checkout down", Severity.SEV2, true);
    incidents.assignRole(key, Role.FIRST_RESPONDER, List.of("frida"), now);
    incidents.assignRole(key, Role.INCIDENT_MANAGER, List.of("ivan"), now);
    incidents.assignRole(key, Role.COMMUNICATIONS_MANAGER, List.of("carla"), now);
    incidents.assignRole(key, Role.DOMAIN_EXPERT, List.of("dora", "ivan"), now);
    new PostmortemArchive(tables.jdbc(), tables.dataSource()).begin(key, "Checkout down", "SEV2");
  }

  @Test
  void theMeetingIsDueTheModelsDurationAfterTheResolutionOrByTheDeadlineAnOlderPostmortemCarries() {
    OffsetDateTime resolved = now.minusDays(1);

    assertThat(meetings.deadline(resolved, null, "P14D")).isEqualTo(new Deadline(resolved.plusDays(14), "14 days"));
    OffsetDateTime older = now.plusDays(3);
    assertThat(meetings.deadline(null, older, null)).isEqualTo(new Deadline(older, "the deadline"));
    assertThat(meetings.deadline(resolved, older, "P7D").at()).isEqualTo(resolved.plusDays(7));
  }

  @Test
  void everyoneWhoHeldARoleIsInvitedIncidentManagerFirstAndOnce() {
    assertThat(meetings.involved(key)).containsExactly("ivan", "frida", "carla", "dora");
  }

  @Test
  void aMeetingIsScheduledInTheFutureBeforeTheDeadlineWithTheIncidentManagerAndKnownPeople() {
    Deadline deadline = meetings.deadline(now, null, "P14D");

    assertThatThrownBy(() -> meetings.scheduleMeeting(key, "ivan", null, deadline, List.of()))
        .isInstanceOf(RejectedInput.class).hasMessage("Meeting time is required (form field 'meetingAt')");
    assertThatThrownBy(() -> meetings.scheduleMeeting(key, "ivan", now.minusMinutes(5), deadline, List.of()))
        .isInstanceOf(RejectedInput.class).hasMessageStartingWith("The meeting must be in the future");
    assertThatThrownBy(() -> meetings.scheduleMeeting(key, "ivan", now.plusDays(15), deadline, List.of()))
        .isInstanceOf(RejectedInput.class)
        .hasMessageStartingWith("The meeting must be held within 14 days of the resolution, by ");
    assertThatThrownBy(() -> meetings.scheduleMeeting(key, "ivan", now.plusDays(2), deadline, List.of("mallory")))
        .isInstanceOf(RejectedInput.class).hasMessage("Unknown person 'mallory' (form field 'invitees')");
    assertThat(records.invitees(key)).isEmpty();

    OffsetDateTime at = now.plusDays(2).truncatedTo(ChronoUnit.MINUTES);
    List<String> invited = meetings.scheduleMeeting(key, "ivan", at, deadline, List.of("dora", "dan"));

    assertThat(invited).containsExactly("dora", "dan", "ivan");
    assertThat(records.invitees(key)).containsExactlyInAnyOrder("dora", "dan", "ivan");
    assertThat(records.get(key).meetingAt()).isEqualTo(at);
    assertThat(postmortemEntries()).last().satisfies(entry -> {
      assertThat(entry.actor()).isEqualTo("ivan");
      assertThat(entry.message()).startsWith("Postmortem meeting scheduled for ").endsWith(" with dora, dan, ivan");
    });
  }

  @Test
  void onceTheDeadlineHasPassedAnyTimeInTheFutureBeatsNoMeeting() {
    Deadline passed = meetings.deadline(now.minusDays(20), null, "P14D");

    meetings.scheduleMeeting(key, "ivan", now.plusDays(3), passed, List.of());

    assertThat(records.invitees(key)).containsExactly("ivan");
  }

  @Test
  void aPreparationFormNeedsWhatTheInviteeSawAndDid() {
    meetings.scheduleMeeting(key, "ivan", now.plusDays(1), meetings.deadline(now, null, "P14D"), List.of("dora"));

    assertThatThrownBy(() -> meetings.submitPreparation(key, "dora", " ", "10:00 paged", null))
        .isInstanceOf(RejectedInput.class)
        .hasMessage("What you saw and did is required (form field 'whatHappened')");

    meetings.submitPreparation(key, "dora", " Restarted the pods ", "10:00 paged", null);

    assertThat(meetings.gatheredPreparation(key))
        .contains("dora\nWhat happened: Restarted the pods\nTimeline: 10:00 paged")
        .contains("ivan: no preparation form yet")
        .doesNotContain("Contributing factors");
  }

  @Test
  void theMeetingNeedsItsFindingsAndEveryActionItemATitleAndAKnownOwner() {
    MeetingOutcome outcome = new MeetingOutcome("Summary", "Impact", "Root causes");

    assertThatThrownBy(() -> meetings.holdMeeting(key, "ivan", new MeetingOutcome("Summary", null, "Causes"),
        List.of(), "P42D"))
        .isInstanceOf(RejectedInput.class).hasMessage("Impact is required (form field 'impactDescription')");
    assertThatThrownBy(() -> meetings.holdMeeting(key, "ivan", outcome,
        List.of(item("Fix it", "dora"), item(null, "dora")), "P42D"))
        .isInstanceOf(RejectedInput.class)
        .hasMessage("Every action item needs a title (action item 2, form field 'actionItems')");
    assertThatThrownBy(() -> meetings.holdMeeting(key, "ivan", outcome, List.of(item("x".repeat(301), "dora")),
        "P42D"))
        .isInstanceOf(RejectedInput.class).hasMessageStartingWith("An action item's title has at most 300 characters");
    assertThatThrownBy(() -> meetings.holdMeeting(key, "ivan", outcome, List.of(item("Fix it", null)), "P42D"))
        .isInstanceOf(RejectedInput.class).hasMessageStartingWith("Every action item needs an owner: \"Fix it\"");
    assertThatThrownBy(() -> meetings.holdMeeting(key, "ivan", outcome, List.of(item("Fix it", "mallory")), "P42D"))
        .isInstanceOf(RejectedInput.class).hasMessageStartingWith("Unknown owner 'mallory' of \"Fix it\"");
    assertThatThrownBy(() -> meetings.holdMeeting(key, "ivan", outcome,
        Collections.nCopies(PostmortemMeetings.MAX_ACTION_ITEMS + 1, item("Fix it", "dora")), "P42D"))
        .isInstanceOf(RejectedInput.class).hasMessage("At most 50 action items (form field 'actionItems')");
    assertThat(actionItems.list(key)).isEmpty();
    assertThat(records.get(key).summary()).isNull();
  }

  @Test
  void importantAndUrgentActionItemsAreDueTheModelsDurationAfterTheMeeting() {
    List<AgreedActionItem> agreed = meetings.holdMeeting(key, "ivan",
        new MeetingOutcome(" What happened ", "Checkout failed for 20 minutes", "A bad config"),
        List.of(new ProposedActionItem("Alert on config drift", "Compare hourly", "dora", true, true),
            new ProposedActionItem("Runbook", null, "carla", true, false)), "P42D");

    assertThat(agreed).extracting(AgreedActionItem::due)
        .containsExactly(Timestamps.now().plusDays(42).toLocalDate(), null);
    assertThat(actionItems.list(key)).extracting(ActionItem::title, ActionItem::owner, ActionItem::due)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Alert on config drift", "dora", agreed.get(0).due()),
            org.assertj.core.groups.Tuple.tuple("Runbook", "carla", null));
    assertThat(records.get(key).summary()).isEqualTo("What happened");
    assertThat(postmortemEntries()).last().extracting(TimelineEntry::message)
        .isEqualTo("Postmortem meeting held: 2 action items (1 important and urgent)");
  }

  @Test
  void anOverdueMeetingIsEscalatedToTheIncidentManagerAndTheLeadGroup() {
    meetings.meetingOverdue(key, meetings.deadline(now.minusDays(15), null, "P14D"), "ivan");

    assertThat(postmortemEntries()).last().extracting(TimelineEntry::message)
        .isEqualTo("No postmortem meeting held within 14 days of the resolution; escalated to ivan and postmortem-leads");
  }

  private static ProposedActionItem item(String title, String owner) {
    return new ProposedActionItem(title, null, owner, false, false);
  }

  private List<TimelineEntry> postmortemEntries() {
    return incidents.timeline(key).stream().filter(entry -> entry.type() == TimelineEntryType.POSTMORTEM).toList();
  }
}
