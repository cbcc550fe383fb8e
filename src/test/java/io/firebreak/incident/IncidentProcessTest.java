package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.IncidentScenarios;
import io.firebreak.ProcessAssertions;
import io.firebreak.postmortem.PostmortemProcess;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** Every path through processes/incident.bpmn on the real engine and database. */
class IncidentProcessTest extends IncidentScenarios {

  @Test
  void declaredIncidentGoesThroughEveryStageAndRoleToClosed() {
    Incident declared = declare("Media upload fails in US", Severity.SEV2, "frida");
    String pi = declared.processInstanceId();
    assertThat(declared.key()).matches("INC-\\d+");
    assertThat(declared.stage()).isEqualTo(Stage.OPEN);
    assertThat(declared.roles().firstResponder()).isEqualTo("frida");
    assertThat(instanceOf(declared).getBusinessKey()).isEqualTo(declared.key());

    // Open: channel, bridge (SEV2), ticket and paging (declared by a person) run as jobs beside the response.
    ProcessAssertions.assertThat(instanceOf(declared)).isWaitingAt(OPEN_CHAT_CHANNEL, TAKE_INCIDENT_MANAGER_ROLE);
    runJobs(pi);
    ProcessAssertions.assertThat(instanceOf(declared))
        .hasPassedInOrder(OPEN_CHAT_CHANNEL, OPEN_BRIDGE, CREATE_INCIDENT_TICKET, PAGE_ON_CALL, CHANNELS_OPENED);

    takeIncidentManagerRole(pi, "ivan");
    Incident acknowledged = incidents.get(declared.key());
    assertThat(acknowledged.roles().incidentManager()).isEqualTo("ivan");
    assertThat(acknowledged.acknowledgedAt()).isNotNull();
    assertThat(task(pi, APPOINT_ROLES).getAssignee()).isEqualTo("ivan");

    appointRoles(pi, "ivan", "carla", List.of("dora", "dan"));
    Incident staffed = incidents.get(declared.key());
    assertThat(staffed.stage()).isEqualTo(Stage.FIX);
    assertThat(staffed.roles().communicationsManager()).isEqualTo("carla");
    assertThat(staffed.roles().domainExperts()).containsExactlyInAnyOrder("dora", "dan");
    runJobs(pi);
    ProcessAssertions.assertThat(instanceOf(declared)).hasNotPassed(ACKNOWLEDGE_ALERT);

    // Fix: a round with an external update goes to the Communications Manager, who publishes it.
    leadTheFix(pi, "ivan", "identified", "Storage node full; moving uploads", "We identified the cause of failing uploads.", false);
    assertThat(task(pi, PUBLISH_EXTERNAL_UPDATE).getAssignee()).isEqualTo("carla");
    assertThat(engine.getTaskService().getVariable(task(pi, PUBLISH_EXTERNAL_UPDATE).getId(), "externalUpdate"))
        .isEqualTo("We identified the cause of failing uploads.");
    complete(pi, PUBLISH_EXTERNAL_UPDATE, "carla",
        Map.of("externalUpdate", "We identified why uploads fail and are fixing it.", "updateStatus", "identified"));
    runJobs(pi);
    ProcessAssertions.assertThat(instanceOf(declared)).hasPassed(POST_STATUS_UPDATE, UPDATE_STATUS_PAGE);
    assertThat(incidents.get(declared.key()).status()).isEqualTo(Status.IDENTIFIED);

    leadTheFix(pi, "ivan", "monitoring", "Uploads recovered; watching error rate", null, true);
    runJobs(pi);
    complete(pi, CONFIRM_RESOLUTION, "ivan", resolution("Moved uploads to a healthy storage node", Impact.MAJOR));
    Incident resolved = incidents.get(declared.key());
    assertThat(resolved.stage()).isIn(Stage.RESOLVED, Stage.IMPROVE);
    assertThat(resolved.resolvedAt()).isNotNull();
    assertThat(resolved.resolutionSummary()).isEqualTo("Moved uploads to a healthy storage node");
    runJobs(pi);
    // The reopen window: a firing alert would reopen it; the postmortem starts when the window is over.
    ProcessAssertions.assertThat(instanceOf(declared)).hasNotPassed(START_POSTMORTEM);
    assertThat(incidents.get(declared.key()).stage()).isEqualTo(Stage.RESOLVED);
    passReopenWindow(pi);
    // SEV2 with major impact: the communication decision asks for email; the on-call page is closed.
    ProcessAssertions.assertThat(instanceOf(declared))
        .hasPassed(RESOLVE_STATUS_PAGE, ANNOUNCE_RESOLUTION, EMAIL_STAKEHOLDERS, CLOSE_ALERT, START_POSTMORTEM)
        .isWaitingAt(POSTMORTEM_PUBLISHED);
    assertThat(incidents.get(declared.key()).stage()).isEqualTo(Stage.IMPROVE);

    // Improve: the postmortem's task is the Incident Manager's; publishing it closes the incident.
    ProcessInstance postmortem = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(PostmortemProcess.KEY).processInstanceBusinessKey(declared.key()).singleResult();
    assertThat(postmortem).isNotNull();
    holdPostmortem(declared.key(), List.of());
    approvePostmortem(declared.key(), pi);
    ProcessAssertions.assertThat(postmortem).isEnded();
    ProcessAssertions.assertThat(instanceOf(declared)).isNull();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult()
        .getEndActivityId()).isEqualTo(INCIDENT_CLOSED);

    Incident closed = incidents.get(declared.key());
    assertThat(closed.stage()).isEqualTo(Stage.CLOSED);
    assertThat(closed.closedAt()).isNotNull();
    assertThat(incidents.timeline(declared.key())).extracting(TimelineEntry::type).containsSubsequence(
        TimelineEntryType.DECLARED, TimelineEntryType.ROLE_ASSIGNED, TimelineEntryType.STATUS_UPDATE,
        TimelineEntryType.EXTERNAL_UPDATE, TimelineEntryType.RESOLVED, TimelineEntryType.POSTMORTEM,
        TimelineEntryType.CLOSED);
    assertThat(incidents.timeline(declared.key())).extracting(TimelineEntry::message)
        .anyMatch(m -> m.startsWith("Incident channel #" + declared.key().toLowerCase() + "-media-upload-fails-in-us"))
        .anyMatch(m -> m.startsWith("Status page update (identified): We identified why uploads fail"))
        .anyMatch(m -> m.startsWith("Emailed stakeholders"));
  }

  @Test
  void theIncidentChannelsJobOvertakesTheOtherStepsOfABacklog() {
    // In an alert storm the job executor has a backlog; it takes the highest priority first, so the channel, where
    // responders start talking, does not wait behind every ticket, bridge and page of the storm's earlier incidents.
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration();
    assertThat(configuration.isJobExecutorAcquireByPriority()).isTrue();
    // ...also among an incident's own steps: a thread goes on with a step its job created only if it is as urgent
    // (config.UrgentJobsFirst, UrgentJobsFirstTest).
    assertThat(configuration.getSessionFactories()
        .get(org.camunda.bpm.engine.impl.persistence.entity.JobManager.class).openSession().getClass().getSimpleName())
        .isEqualTo("UrgentFirstJobManager");
    // Creating a job parses its retry cycle without searching the class path (config.JdkDatatypeFactory).
    assertThat(configuration.getProcessEnginePlugins().stream()
        .flatMap(plugin -> plugin instanceof org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin composite
            ? composite.getPlugins().stream() : java.util.stream.Stream.of(plugin))
        .map(plugin -> plugin.getClass().getSimpleName())).contains("JdkDatatypeFactory", "UrgentJobsFirst");
    Incident declared = declare("Checkout fails for card payments", Severity.SEV2, "frida");
    Map<String, Long> priorities = engine.getManagementService().createJobQuery()
        .processInstanceId(declared.processInstanceId()).list().stream()
        .collect(java.util.stream.Collectors.toMap(job -> engine.getManagementService().createJobDefinitionQuery()
            .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId(), Job::getPriority, Math::max));
    assertThat(priorities).containsEntry(OPEN_CHAT_CHANNEL, 100L);
    // The job before it, of an alert's incident: the alert taken, triaged and recorded, up to the channel's job.
    var model = engine.getRepositoryService().getBpmnModelInstance(instanceOf(declared).getProcessDefinitionId());
    assertThat(model.getModelElementById("StartEvent_AlertReceived").getAttributeValueNs(
        "http://camunda.org/schema/1.0/bpmn", "jobPriority")).isEqualTo("100");
    assertThat(priorities).allSatisfy((activity, priority) -> {
      if (!activity.equals(OPEN_CHAT_CHANNEL)) {
        assertThat(priority).as(activity).isLessThan(100L);
      }
    });
  }

  @Test
  void criticalAlertIsDeclaredWithoutAPersonAndItsAlertIsAcknowledgedAndClosed() {
    ProcessInstance instance = receiveAlert("critical", "production");
    ProcessAssertions.assertThat(instance).hasPassed(RECORD_INCIDENT).isWaitingAt(TAKE_INCIDENT_MANAGER_ROLE);
    String key = instance.getBusinessKey();
    Incident incident = incidents.get(key);
    assertThat(incident.severity()).isEqualTo(Severity.SEV1);
    assertThat(incident.source()).isEqualTo("alertmanager");
    assertThat(incident.alertFingerprint()).startsWith("fp-");
    assertThat(incident.roles().firstResponder()).isNull();
    runJobs(instance.getId());
    ProcessAssertions.assertThat(instance).hasPassed(OPEN_BRIDGE).hasNotPassed(PAGE_ON_CALL);

    takeIncidentManagerRole(instance.getId(), "ivan");
    assertThat(incidents.get(key).roles().firstResponder()).as("the first to react").isEqualTo("ivan");
    appointRoles(instance.getId(), "ivan", "carla", List.of("dora"));
    runJobs(instance.getId());
    ProcessAssertions.assertThat(instance).hasPassed(ACKNOWLEDGE_ALERT);
    leadTheFix(instance.getId(), "ivan", "monitoring", "Rolled back", null, true);
    runJobs(instance.getId());
    complete(instance.getId(), CONFIRM_RESOLUTION, "ivan", resolution("Rollback", Impact.CRITICAL));
    runJobs(instance.getId());
    passReopenWindow(instance.getId());
    ProcessAssertions.assertThat(instance).hasPassed(CLOSE_ALERT, EMAIL_STAKEHOLDERS).isWaitingAt(POSTMORTEM_PUBLISHED);
  }

  @Test
  void warningAlertIsEvaluatedByAFirstResponderWhoDeclaresIt() {
    ProcessInstance instance = receiveAlert("warning", "production");
    ProcessAssertions.assertThat(instance).isWaitingAt(EVALUATE_EVENT);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task(instance.getId(), EVALUATE_EVENT).getId())
        .taskCandidateGroup("first-responders").count()).isEqualTo(1);
    complete(instance.getId(), EVALUATE_EVENT, "frida",
        Map.of("declareIncident", true, "title", "Uploads slow in US", "severity", "SEV3", "customerFacing", true));
    String key = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getBusinessKey();
    Incident incident = incidents.get(key);
    assertThat(incident.title()).isEqualTo("Uploads slow in US");
    assertThat(incident.severity()).isEqualTo(Severity.SEV3);
    assertThat(incident.roles().firstResponder()).isEqualTo("frida");
    continueAfterRecording(instance.getId());
    // The evaluating First Responder may take the Incident Manager role without being in incident-managers.
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(TAKE_INCIDENT_MANAGER_ROLE).taskCandidateUser("frida").count()).isEqualTo(1);
  }

  @Test
  void warningAlertDismissedByAFirstResponderEndsWithoutIncident() {
    ProcessInstance instance = receiveAlert("warning", "production");
    complete(instance.getId(), EVALUATE_EVENT, "frida", Map.of("declareIncident", false));
    ProcessAssertions.assertThat(instance).hasPassed(EVENT_DISMISSED).isEnded();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getEndActivityId()).isEqualTo(NO_INCIDENT);
    // The key the alert's request reserved stays unused: incident numbers may skip.
    assertThat(instance.getBusinessKey()).matches("INC-\\d+");
    assertThat(incidents.find(instance.getBusinessKey())).isEmpty();
  }

  @Test
  void evaluationRejectsADeclarationWithoutTitle() {
    ProcessInstance instance = receiveAlert("warning", "production");
    assertThatThrownBy(() -> complete(instance.getId(), EVALUATE_EVENT, "frida",
        Map.of("declareIncident", true, "title", " ", "severity", "SEV3")))
        .hasRootCauseInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("Title is required");
    ProcessAssertions.assertThat(instance).isWaitingAt(EVALUATE_EVENT);
  }

  @Test
  void informationalAndNonProductionAlertsAreIgnored() {
    ProcessInstance info = receiveAlert("info", "production");
    ProcessAssertions.assertThat(info).hasPassed(EVENT_IGNORED, NO_INCIDENT).isEnded();
    ProcessInstance staging = receiveAlert("critical", "staging");
    ProcessAssertions.assertThat(staging).hasPassed(EVENT_IGNORED, NO_INCIDENT).isEnded();
  }

  @Test
  void fixRoundWithoutExternalUpdateOnlyPostsInternally() {
    Incident incident = declareAndStaff("Search is slow", Severity.SEV3);
    String pi = incident.processInstanceId();
    leadTheFix(pi, "ivan", "investigating", "Looking at the index", "  ", false);
    runJobs(pi);
    ProcessAssertions.assertThat(instanceOf(incident)).hasPassed(POST_STATUS_UPDATE)
        .hasNotPassed(PUBLISH_EXTERNAL_UPDATE).isWaitingAt(LEAD_THE_FIX);
    // The next round starts with an empty form, and the last update is shown for context.
    String next = task(pi, LEAD_THE_FIX).getId();
    assertThat(engine.getTaskService().getVariable(next, "statusUpdate")).isNull();
    assertThat(engine.getTaskService().getVariable(next, "lastStatusUpdate")).isEqualTo("Looking at the index");
    assertThat(engine.getTaskService().getVariable(next, "people")).isNotNull();
    assertThat(incidents.get(incident.key()).lastStatusUpdate()).isEqualTo("Looking at the index");
  }

  @Test
  void incidentManagerIsRemindedWhenAStatusUpdateIsDueAndAgainEveryInterval() {
    Incident incident = declareAndStaff("Checkout errors", Severity.SEV1);
    String pi = incident.processInstanceId();
    assertThat(engine.getRuntimeService().getVariable(pi, "statusUpdateInterval")).isEqualTo("PT30M");
    assertThat(task(pi, LEAD_THE_FIX).getDueDate()).isNotNull();

    Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi).timers().activityId(STATUS_UPDATE_DUE)
        .singleResult();
    assertThat(timer.getDuedate()).isCloseTo(new Date(ClockUtil.getCurrentTime().getTime() + 30 * 60_000), 5_000);
    ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 1000));
    engine.getManagementService().executeJob(timer.getId());
    runJobs(pi);
    Job again = engine.getManagementService().createJobQuery().processInstanceId(pi).timers().activityId(STATUS_UPDATE_DUE)
        .singleResult();
    assertThat(again.getDuedate()).as("cycle continues").isAfter(timer.getDuedate());
    ClockUtil.setCurrentTime(new Date(again.getDuedate().getTime() + 1000));
    engine.getManagementService().executeJob(again.getId());
    runJobs(pi);

    ProcessAssertions.assertThat(instanceOf(incident)).hasPassed(REMIND_INCIDENT_MANAGER).isWaitingAt(LEAD_THE_FIX);
    assertThat(incidents.timeline(incident.key())).filteredOn(e -> e.type() == TimelineEntryType.STATUS_UPDATE_DUE)
        .hasSize(2);
    // A new round restarts the clock: the old timer is gone with the task.
    leadTheFix(pi, "ivan", "identified", "Bad deploy", null, false);
    Job fresh = engine.getManagementService().createJobQuery().processInstanceId(pi).timers().activityId(STATUS_UPDATE_DUE)
        .singleResult();
    assertThat(fresh.getId()).isNotEqualTo(again.getId());
  }

  @Test
  void incidentManagerHandsOverAndChangesRolesFromTheFixForm() {
    Incident incident = declareAndStaff("Login fails", Severity.SEV2);
    String pi = incident.processInstanceId();
    complete(pi, LEAD_THE_FIX, "ivan", Map.of("status", "investigating", "statusUpdate", "Handing over to Frida",
        "incidentManager", "frida", "domainExperts", List.of("dora", "dan"), "severity", "SEV1", "readyToResolve", false));
    Incident changed = incidents.get(incident.key());
    assertThat(changed.roles().incidentManager()).isEqualTo("frida");
    assertThat(changed.roles().domainExperts()).containsExactlyInAnyOrder("dora", "dan");
    assertThat(changed.severity()).isEqualTo(Severity.SEV1);
    assertThat(task(pi, LEAD_THE_FIX).getAssignee()).isEqualTo("frida");
    assertThat(engine.getRuntimeService().getVariable(pi, "statusUpdateInterval")).as("interval of the new severity")
        .isEqualTo("PT30M");
    assertThat(incidents.timeline(incident.key())).extracting(TimelineEntry::message)
        .contains("Incident Manager: ivan → frida", "Domain Experts: dora → dora, dan");

    // The round's update goes to the channel with who took over what.
    runJobs(pi);
    assertThat(incidents.timeline(incident.key())).extracting(TimelineEntry::message)
        .contains("Posted status update (investigating): Handing over to Frida (roles: Incident Manager: ivan → frida; "
            + "Domain Experts: dora → dan, dora) (recorded only: no chat tool is configured)");
  }

  @Test
  void appointingRolesNeedsACommunicationsManagerAndAKnownDomainExpert() {
    Incident incident = declare("Webhooks delayed", Severity.SEV3, "frida");
    String pi = incident.processInstanceId();
    takeIncidentManagerRole(pi, "ivan");
    assertThatThrownBy(() -> appointRoles(pi, "ivan", "carla", List.of()))
        .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("Domain Expert");
    assertThatThrownBy(() -> appointRoles(pi, "ivan", "carla", List.of("nobody-here")))
        .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("unknown user 'nobody-here'");
    ProcessAssertions.assertThat(instanceOf(incident)).isWaitingAt(APPOINT_ROLES);
    assertThat(incidents.get(incident.key()).roles().communicationsManager()).isNull();
  }

  @Test
  void aStepThatKeepsFailingIsRetriedThenBecomesACockpitIncident() {
    Incident incident = declare("Payments fail", Severity.SEV4, "frida");
    String pi = incident.processInstanceId();
    Job job = engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(OPEN_CHAT_CHANNEL)
        .singleResult();
    // Break the step for real: its incident record is gone, so the step cannot find what to open a channel for.
    new org.springframework.jdbc.core.JdbcTemplate(dataSource).update("DELETE FROM incident WHERE incident_key = ?", incident.key());
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .hasMessageContaining("no incident " + incident.key());
    Job retried = engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
    assertThat(retried.getRetries()).as("R5/PT1M: four more tries").isEqualTo(4);
    assertThat(retried.getDuedate()).isAfter(ClockUtil.getCurrentTime());
    assertThat(retried.getExceptionMessage()).contains("no incident " + incident.key());

    engine.getManagementService().setJobRetries(job.getId(), 1);
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()));
    var cockpitIncident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pi).singleResult();
    assertThat(cockpitIncident).isNotNull();
    assertThat(cockpitIncident.getActivityId()).isEqualTo(OPEN_CHAT_CHANNEL);
    assertThat(cockpitIncident.getIncidentMessage()).contains("no incident " + incident.key());
    // The response itself goes on: the Incident Manager's task is there.
    ProcessAssertions.assertThat(instanceOf(incident)).isWaitingAt(TAKE_INCIDENT_MANAGER_ROLE);
  }

  @org.springframework.beans.factory.annotation.Autowired
  javax.sql.DataSource dataSource;
}
