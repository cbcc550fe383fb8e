package io.firebreak.postmortem;

import static io.firebreak.postmortem.PostmortemProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.IncidentScenarios;
import io.firebreak.ProcessAssertions;
import io.firebreak.config.FirebreakGroups;
import io.firebreak.incident.Incident;
import io.firebreak.incident.ProcessVariables;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Stage;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.Timestamps;
import io.firebreak.postmortem.ActionItems.ActionItem;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The postmortem and its action items on the real engine, without outside tools; timers by the engine clock. */
class PostmortemProcessTest extends IncidentScenarios {

  @Autowired
  PostmortemRecords records;

  @Autowired
  ActionItems actionItems;

  @Autowired
  PostmortemArchive archive;

  @Test
  void theMeetingIsScheduledWithin14DaysOfTheResolutionWithPeopleFirebreakKnowsAndTheIncidentManagerIsAlwaysInvited() {
    Incident incident = resolvedWithItsPostmortem("Uploads fail after release", Severity.SEV2);
    String key = incident.key();
    String postmortem = postmortemOf(key);

    // Schedule: within 14 days of the resolution, in the future, with people Firebreak knows.
    Task schedule = task(postmortem, SCHEDULE_MEETING);
    assertThat(schedule.getAssignee()).isEqualTo("ivan");
    assertThat(schedule.getDueDate()).isEqualTo(Date.from(incident.resolvedAt().plusDays(14).toInstant()));
    assertThat(engine.getTaskService().getVariable(schedule.getId(), "invitees").toString())
        .contains("ivan", "frida", "carla", "dora");
    assertRejected(postmortem, SCHEDULE_MEETING, Map.of("meetingAt", inDays(15)), "within 14 days of the resolution");
    assertRejected(postmortem, SCHEDULE_MEETING, Map.of("meetingAt", inDays(-1)), "must be in the future");
    assertRejected(postmortem, SCHEDULE_MEETING, Map.of("meetingAt", "next tuesday"), "is not a date and time");
    assertRejected(postmortem, SCHEDULE_MEETING, Map.of("meetingAt", inDays(3),
        "invitees", ProcessVariables.jsonList(List.of("carla", "nobody"))), "Unknown person 'nobody'");
    String meetingAt = inDays(3);
    complete(postmortem, SCHEDULE_MEETING, "ivan",
        Map.of("meetingAt", meetingAt, "invitees", ProcessVariables.jsonList(List.of("carla", "dora"))));
    assertThat(records.invitees(key)).as("the Incident Manager is always invited").containsExactly("carla", "dora", "ivan");
    runJobs(postmortem);
    assertThat(incidents.timeline(key)).extracting(TimelineEntry::message)
        .anyMatch(m -> m.startsWith("Postmortem meeting scheduled for ") && m.endsWith(" with carla, dora, ivan"))
        .anyMatch(m -> m.startsWith("Scheduled \"Postmortem " + key + ": Uploads fail after release\" for "
            + OffsetDateTime.parse(meetingAt) + " (90 min) with carla@firebreak.example, dora@firebreak.example, ivan@firebreak.example"));
  }

  @Test
  void eachInviteeFillsInAPreparationFormOfTheirOwnAndTheIncidentManagerSeesThemAllBeforeTheMeeting() {
    Incident incident = resolvedWithItsPostmortem("Uploads fail after release", Severity.SEV2);
    String key = incident.key();
    String postmortem = postmortemOf(key);
    String meetingAt = inDays(3);
    scheduleWithCarlaAndDora(postmortem, meetingAt);
    runJobs(postmortem);

    // Preparation: one form per invitee, due at the meeting; each answer is kept apart.
    List<Task> preparations = engine.getTaskService().createTaskQuery().processInstanceId(postmortem)
        .taskDefinitionKey(FILL_IN_PREPARATION_FORM).orderByTaskAssignee().asc().list();
    assertThat(preparations).extracting(Task::getAssignee).containsExactly("carla", "dora", "ivan");
    assertThat(preparations).extracting(Task::getDueDate).containsOnly(Date.from(OffsetDateTime.parse(meetingAt).toInstant()));
    assertThatThrownBy(() -> engine.getTaskService().complete(preparations.get(0).getId(), Map.of("personalTimeline", "x")))
        .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("What you saw and did is required");
    engine.getTaskService().complete(preparations.get(0).getId(), Map.of("whatHappened", "Customers wrote in at 10:02",
        "contributingFactors", "The status page was slow to update"));
    engine.getTaskService().complete(preparations.get(1).getId(), Map.of("whatHappened", "Rolled back the release",
        "personalTimeline", "10:05 paged, 10:20 rollback"));
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(postmortem)
        .taskDefinitionKey(FILL_IN_PREPARATION_FORM).singleResult().getAssignee()).isEqualTo("ivan");
    assertThat(engine.getTaskService().getVariable(preparations.get(2).getId(), "whatHappened"))
        .as("the next invitee does not see another's answer").isNull();
    engine.getTaskService().complete(preparations.get(2).getId(), Map.of("whatHappened", "Led the incident"));
    assertThat(records.preparations(key)).extracting(PostmortemRecords.Preparation::whatHappened)
        .containsExactly("Customers wrote in at 10:02", "Rolled back the release", "Led the incident");

    // Prepare: everything gathered in front of the Incident Manager.
    Task prepare = task(postmortem, PREPARE_MEETING);
    assertThat((String) engine.getTaskService().getVariableLocal(prepare.getId(), "preparation"))
        .contains("carla\nWhat happened: Customers wrote in at 10:02\nContributing factors: The status page was slow to update",
            "dora\nWhat happened: Rolled back the release\nTimeline: 10:05 paged, 10:20 rollback", "ivan\nWhat happened: Led the incident");
    complete(postmortem, PREPARE_MEETING, "ivan", Map.of());
  }

  @Test
  void theMeetingIsTimeboxedNeedsRootCausesAndAnOwnerFirebreakKnowsForEachActionItemAndGivesUrgentOnes42Days() {
    Incident incident = resolvedWithItsPostmortem("Uploads fail after release", Severity.SEV2);
    String key = incident.key();
    String postmortem = postmortemOf(key);
    scheduleWithCarlaAndDora(postmortem, inDays(3));
    prepareScheduledPostmortem(key);

    // Meeting: timeboxed; every action item needs a title and an owner Firebreak knows.
    Task hold = task(postmortem, HOLD_MEETING);
    assertThat((String) engine.getTaskService().getVariableLocal(hold.getId(), "timebox")).startsWith("1.5 hours: ");
    assertRejected(postmortem, HOLD_MEETING, meeting(List.of(Map.of("title", "Add a canary stage"))),
        "Every action item needs an owner: \"Add a canary stage\" has none (action item 1");
    assertRejected(postmortem, HOLD_MEETING, meeting(List.of(actionItem("Add a canary stage", "nobody", true, true))),
        "Unknown owner 'nobody'");
    Map<String, Object> withoutRootCauses = new java.util.HashMap<>(meeting(List.of()));
    withoutRootCauses.remove("rootCauses");
    assertRejected(postmortem, HOLD_MEETING, withoutRootCauses, "Root causes is required");
    OffsetDateTime heldAt = Timestamps.now();
    complete(postmortem, HOLD_MEETING, "ivan", meeting(List.of(
        actionItem("Add a canary stage to the release pipeline", "dora", true, true),
        actionItem("Alert on upload error ratio per region", "carla", true, false))));
    assertThat(actionItems.list(key)).extracting(ActionItem::title, ActionItem::owner, ActionItem::due).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Add a canary stage to the release pipeline", "dora", heldAt.plusDays(42).toLocalDate()),
        org.assertj.core.groups.Tuple.tuple("Alert on upload error ratio per region", "carla", null));
    runJobs(postmortem);
  }

  /** Through the incident: publishing closes the incident process, which waits for it. */
  @Test
  void aPostmortemSentBackIsRevisedThenPublishedTheIncidentClosesAndThePostmortemEndsWhenEveryActionItemIsDone() {
    Incident incident = resolvedIncident("Uploads fail after release", Severity.SEV2);
    String key = incident.key();
    String postmortem = postmortemOf(key);
    scheduleWithCarlaAndDora(postmortem, inDays(3));
    holdScheduledPostmortem(key, List.of(
        actionItem("Add a canary stage to the release pipeline", "dora", true, true),
        actionItem("Alert on upload error ratio per region", "carla", true, false)));
    runJobs(postmortem);

    // Review in Tasklist (no repository configured): the lead group reviews the rendered document.
    Task review = task(postmortem, REVIEW_POSTMORTEM);
    assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly(FirebreakGroups.POSTMORTEM_LEADS);
    String markdown = (String) engine.getTaskService().getVariableLocal(review.getId(), "postmortemMarkdown");
    assertThat(markdown).startsWith("# Postmortem " + key + ": Uploads fail after release")
        .contains("A release broke uploads for 40 minutes", "The release skipped the canary stage",
            "Add a canary stage to the release pipeline", "| carla, dora, ivan |");
    assertRejected(postmortem, REVIEW_POSTMORTEM, Map.of("postmortemApproved", false), "Say what to change");
    complete(postmortem, REVIEW_POSTMORTEM, "lena", Map.of("postmortemApproved", false,
        "reviewComments", "Say how long customers were affected"));
    Task revise = task(postmortem, REVISE_POSTMORTEM);
    assertThat(revise.getAssignee()).isEqualTo("ivan");
    assertThat(engine.getTaskService().getVariableLocal(revise.getId(), "sentBackBecause"))
        .isEqualTo("Say how long customers were affected");
    complete(postmortem, REVISE_POSTMORTEM, "ivan", Map.of("summary", "A release broke uploads for 40 minutes",
        "impactDescription", "Uploads failed for 40 minutes for customers in the US", "rootCauses", "No canary stage"));
    runJobs(postmortem);
    assertThat(engine.getTaskService().getVariable(task(postmortem, REVIEW_POSTMORTEM).getId(), "postmortemApproved"))
        .as("a new round starts undecided").isNull();
    assertThat(archive.markdown(key)).isEmpty();
    approvePostmortem(key, incident.processInstanceId());

    // Published: in the archive, and the incident is closed; the action items go on.
    assertThat(archive.markdown(key)).get().asString().contains("Uploads failed for 40 minutes for customers in the US");
    assertThat(incidents.get(key).stage()).isEqualTo(Stage.CLOSED);
    ProcessAssertions.assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(postmortem)
        .singleResult()).isActive();
    List<Task> work = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey(IMPLEMENT_ACTION_ITEM).orderByTaskAssignee().asc().list();
    assertThat(work).extracting(Task::getAssignee).containsExactly("carla", "dora");
    assertThat(work.get(0).getDueDate()).as("not important and urgent: no fixed due date").isNull();
    assertThat(work.get(1).getDueDate()).isNotNull();
    assertThat(engine.getTaskService().getVariable(work.get(1).getId(), "actionItemPriority"))
        .isEqualTo("Important and urgent: done within 6 weeks");

    engine.getTaskService().complete(work.get(0).getId());
    assertThat(actionItems.list(key)).extracting(ActionItem::state, ActionItem::doneBy).containsExactly(
        org.assertj.core.groups.Tuple.tuple(ActionItems.OPEN, null), org.assertj.core.groups.Tuple.tuple(ActionItems.DONE, "carla"));
    ProcessAssertions.assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(postmortem)
        .singleResult()).isActive();
    engine.getTaskService().complete(work.get(1).getId());
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).count())
        .as("the postmortem ends when all its action items are done").isZero();
    assertThat(incidents.timeline(key)).extracting(TimelineEntry::message).contains(
        "Postmortem sent back for revision: Say how long customers were affected", "Postmortem revised",
        "Postmortem published", "Action item done: Alert on upload error ratio per region",
        "Action item done: Add a canary stage to the release pipeline");
  }

  @Test
  void noMeetingWithin14DaysEscalatesToTheIncidentManagerAndTheLeadGroupUntilTheMeetingIsHeld() {
    // SEV2: postmortem-policy.dmn requires a postmortem (a SEV3 has one only when the Incident Manager asks).
    Incident incident = resolvedWithItsPostmortem("Search is slow", Severity.SEV2);
    String postmortem = postmortemOf(incident.key());
    Job overdue = timer(postmortem, MEETING_OVERDUE);
    assertThat(overdue.getDuedate()).isEqualTo(Date.from(incident.resolvedAt().plusDays(14).toInstant()));
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(postmortem)
        .taskDefinitionKey(FOLLOW_UP_OVERDUE_MEETING).count()).isZero();

    ClockUtil.setCurrentTime(new Date(overdue.getDuedate().getTime() + 1000));
    engine.getManagementService().executeJob(overdue.getId());
    Task escalation = task(postmortem, FOLLOW_UP_OVERDUE_MEETING);
    assertThat(engine.getTaskService().getIdentityLinksForTask(escalation.getId()))
        .extracting(IdentityLink::getUserId, IdentityLink::getGroupId)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("ivan", null),
            org.assertj.core.groups.Tuple.tuple(null, FirebreakGroups.POSTMORTEM_LEADS));
    assertThat(incidents.timeline(incident.key())).extracting(TimelineEntry::message).contains(
        "No postmortem meeting held within 14 days of the resolution; escalated to ivan and postmortem-leads");

    // Late is better than never: after the deadline, any future time is accepted.
    complete(postmortem, SCHEDULE_MEETING, "ivan", Map.of("meetingAt", inDays(2)));
    runJobs(postmortem);
    // Nobody fills in the form: at the meeting time the preparation closes with what there is.
    Job meetingTime = timer(postmortem, MEETING_TIME_REACHED);
    ClockUtil.setCurrentTime(new Date(meetingTime.getDuedate().getTime() + 1000));
    engine.getManagementService().executeJob(meetingTime.getId());
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(postmortem)
        .taskDefinitionKey(FILL_IN_PREPARATION_FORM).count()).isZero();
    assertThat((String) engine.getTaskService().getVariableLocal(task(postmortem, PREPARE_MEETING).getId(), "preparation"))
        .contains("ivan: no preparation form yet", "carla: no preparation form yet");
    assertThat(task(postmortem, FOLLOW_UP_OVERDUE_MEETING)).as("still escalated until the meeting is held").isNotNull();
    complete(postmortem, PREPARE_MEETING, "ivan", Map.of());
    complete(postmortem, HOLD_MEETING, "ivan", meeting(List.of()));
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(postmortem)
        .taskDefinitionKey(FOLLOW_UP_OVERDUE_MEETING).count()).as("the meeting ends the escalation").isZero();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(postmortem).timers().count()).isZero();
  }

  @Test
  void ownersAreRemindedWeeklyAndAnImportantUrgentItemPastSixWeeksGoesToTheIncidentManager() {
    Incident incident = resolvedWithItsPostmortem("Login fails on mobile", Severity.SEV2);
    holdPostmortem(incident.key(), List.of(actionItem("Pin the auth library version", "dora", true, true)));
    OffsetDateTime heldAt = Timestamps.now();
    String postmortem = postmortemOf(incident.key());
    runJobs(postmortem);
    String item = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(PostmortemProcess.ACTION_ITEM_KEY).processInstanceBusinessKey(incident.key())
        .singleResult().getId();
    Task work = task(item, IMPLEMENT_ACTION_ITEM);
    assertThat(work.getDueDate()).isEqualTo(Date.from(heldAt.plusDays(42).toLocalDate().atTime(23, 59, 59)
        .toInstant(java.time.ZoneOffset.UTC)));

    // Week one and week two: a reminder each, the task stays with its owner.
    for (int week = 1; week <= 2; week++) {
      Job reminder = timer(item, WEEKLY_REMINDER);
      assertThat(Duration.between(heldAt.toInstant(), reminder.getDuedate().toInstant()).toMinutes())
          .isCloseTo(7L * week * 24 * 60, org.assertj.core.data.Offset.offset(2L));
      ClockUtil.setCurrentTime(new Date(reminder.getDuedate().getTime() + 1000));
      engine.getManagementService().executeJob(reminder.getId());
      runJobs(item);
    }
    assertThat(incidents.timeline(incident.key())).extracting(TimelineEntry::message)
        .filteredOn(m -> m.startsWith("Reminded dora of the action item \"Pin the auth library version\" (due "))
        .hasSize(2);
    assertThat(task(item, IMPLEMENT_ACTION_ITEM).getId()).isEqualTo(work.getId());
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(item)
        .taskDefinitionKey(CHASE_OVERDUE_ACTION_ITEM).count()).isZero();

    // Six weeks: the Incident Manager chases it; it stays open until its owner is done.
    Job deadline = timer(item, DEADLINE_PASSED);
    assertThat(deadline.getDuedate()).isEqualTo(work.getDueDate());
    ClockUtil.setCurrentTime(new Date(deadline.getDuedate().getTime() + 1000));
    engine.getManagementService().executeJob(deadline.getId());
    assertThat(task(item, CHASE_OVERDUE_ACTION_ITEM).getAssignee()).isEqualTo("ivan");
    assertThat(incidents.timeline(incident.key())).extracting(TimelineEntry::message).contains(
        "Action item \"Pin the auth library version\" owned by dora is past its deadline of "
            + heldAt.plusDays(42).toLocalDate() + "; escalated to ivan");
    engine.getTaskService().complete(work.getId());
    ProcessAssertions.assertThat(endedInstance(item)).isEnded();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(item).count())
        .as("done ends the chase too").isZero();
  }

  /** Ivan schedules the meeting with carla and dora (he is invited anyway). */
  private void scheduleWithCarlaAndDora(String postmortem, String meetingAt) {
    complete(postmortem, SCHEDULE_MEETING, "ivan",
        Map.of("meetingAt", meetingAt, "invitees", ProcessVariables.jsonList(List.of("carla", "dora"))));
  }

  private Job timer(String processInstanceId, String activityId) {
    List<Job> timers = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).timers()
        .activityId(activityId).list();
    assertThat(timers).as("timer " + activityId).hasSize(1);
    return timers.get(0);
  }

  private void assertRejected(String processInstanceId, String taskKey, Map<String, Object> variables, String reason) {
    Task task = task(processInstanceId, taskKey);
    if (task.getAssignee() == null) {
      engine.getTaskService().claim(task.getId(), "lena");
    }
    // A task listener's refusal reaches Java callers wrapped; the REST API (Tasklist) answers 400 with its message.
    assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), variables))
        .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining(reason);
    assertThat(task(processInstanceId, taskKey).getId()).as("the task stays open").isEqualTo(task.getId());
  }
}
