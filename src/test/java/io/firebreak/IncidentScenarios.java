package io.firebreak;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.alert.Alert;
import io.firebreak.alert.AlertIntake;
import io.firebreak.incident.Impact;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentDeclarations;
import io.firebreak.incident.IncidentKeys;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Role;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.ProcessVariables;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Timestamps;
import io.firebreak.postmortem.PostmortemProcess;
import io.firebreak.postmortem.PostmortemStart;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;

/** Steps of an incident as role holders take them, on the real engine; jobs run when a test says so. */
public abstract class IncidentScenarios extends FirebreakTest {

  @Autowired
  protected IncidentDeclarations declarations;

  @Autowired
  protected AlertIntake alertIntake;

  @Autowired
  protected IncidentKeys incidentKeys;

  @Autowired
  protected PostmortemStart postmortemStart;

  protected Incident declare(String title, Severity severity, String by) {
    Incident incident = declarations.declare(new IncidentDeclarations.Declaration(title, severity, null, true,
        "Intranet", "prod/us1", "Uploads fail with HTTP 500"), by);
    continueAfterRecording(incident.processInstanceId());
    return incident;
  }

  /**
   * An alert's incident is triaged and recorded in the process's first job (the job executor's, in production): runs
   * that job, so the channels' steps and the team's tasks are there as the job executor would leave them. A person's
   * declaration has recorded its incident in its own request already: then there is nothing to run.
   */
  protected void continueAfterRecording(String processInstanceId) {
    triageAlert(processInstanceId);
  }

  /** Declared by frida, led by ivan, with carla as Communications Manager and dora as Domain Expert: in the Fix stage. */
  protected Incident declareAndStaff(String title, Severity severity) {
    Incident incident = declare(title, severity, "frida");
    takeIncidentManagerRole(incident.processInstanceId(), "ivan");
    appointRoles(incident.processInstanceId(), "ivan", "carla", List.of("dora"));
    return incident;
  }

  protected ProcessInstance receiveAlert(String severityHint, String environment) {
    String fingerprint = "fp-" + System.nanoTime();
    var outcome = alertIntake.accept(Alert.firing("alertmanager", fingerprint, "MediaUploadErrorRate high",
        "5xx ratio above 5% for 5m", severityHint, environment, "Media API", "http://vmalert.example/alert/1",
        Map.of("alertname", "MediaUploadErrorRate")));
    continueAfterRecording(outcome.processInstanceId());
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(outcome.processInstanceId())
        .singleResult() != null
        ? engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(outcome.processInstanceId()).singleResult()
        : endedInstance(outcome.processInstanceId());
  }

  /** A process instance that has ended already, for the history-based checks of {@link ProcessAssertions}. */
  protected ProcessInstance endedInstance(String id) {
    var historic = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
    org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity instance =
        new org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity();
    instance.setId(historic.getId());
    instance.setProcessInstanceId(historic.getId());
    instance.setProcessDefinitionId(historic.getProcessDefinitionId());
    instance.setBusinessKey(historic.getBusinessKey());
    return instance;
  }

  protected ProcessInstance instanceOf(Incident incident) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(incident.processInstanceId())
        .singleResult();
  }

  protected Task task(String processInstanceId, String taskDefinitionKey) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(taskDefinitionKey).list();
    assertThat(tasks).as("open tasks " + taskDefinitionKey).hasSize(1);
    return tasks.get(0);
  }

  /** Claims and completes a task as {@code user} would in Tasklist. */
  protected void complete(String processInstanceId, String taskDefinitionKey, String user, Map<String, Object> variables) {
    Task task = task(processInstanceId, taskDefinitionKey);
    if (task.getAssignee() == null) {
      engine.getTaskService().claim(task.getId(), user);
    } else {
      assertThat(task.getAssignee()).as("assignee of " + taskDefinitionKey).isEqualTo(user);
    }
    engine.getTaskService().complete(task.getId(), variables);
  }

  /** Runs every due asynchronous continuation of these process instances, and of the ones they start, until none is left. */
  protected void runJobs(String... processInstanceIds) {
    for (int round = 0; round < 50; round++) {
      Set<String> related = relatedInstances(processInstanceIds);
      List<Job> jobs = engine.getManagementService().createJobQuery().messages().executable().list().stream()
          .filter(job -> related.contains(job.getProcessInstanceId()))
          .toList();
      if (jobs.isEmpty()) {
        return;
      }
      for (Job job : jobs) {
        engine.getManagementService().executeJob(job.getId());
      }
    }
    throw new AssertionError("jobs keep coming after 50 rounds");
  }

  /**
   * These process instances and every running one with the business key of one of them (an incident's postmortem and
   * action items carry the incident's key): a few queries a round, whatever other tests left in the job table.
   */
  private Set<String> relatedInstances(String... processInstanceIds) {
    var runtime = engine.getRuntimeService();
    Set<String> related = new HashSet<>(List.of(processInstanceIds));
    for (String id : processInstanceIds) {
      ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
      if (instance != null && instance.getBusinessKey() != null) {
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(instance.getBusinessKey()).list()
            .forEach(sameKey -> related.add(sameKey.getId()));
      }
    }
    return related;
  }

  /** Once the response has started (after recording, asynchronously), as the job executor would have by then. */
  protected void takeIncidentManagerRole(String pi, String manager) {
    continueAfterRecording(pi);
    complete(pi, IncidentProcess.Elements.TAKE_INCIDENT_MANAGER_ROLE, manager, Map.of("incidentManagerRoleTaken", true));
  }

  protected void appointRoles(String pi, String manager, String communicationsManager, List<String> domainExperts) {
    complete(pi, IncidentProcess.Elements.APPOINT_ROLES, manager,
        Map.of("communicationsManager", communicationsManager, "domainExperts", domainExperts));
  }

  protected void leadTheFix(String pi, String manager, String status, String update, String externalDraft, boolean ready) {
    var variables = new java.util.HashMap<String, Object>();
    variables.put("status", status);
    variables.put("statusUpdate", update);
    variables.put("externalUpdateDraft", externalDraft);
    variables.put("affectedComponents", "Media API (US)");
    variables.put("readyToResolve", ready);
    complete(pi, IncidentProcess.Elements.LEAD_THE_FIX, manager, variables);
  }

  protected static Map<String, Object> resolution(String summary, Impact impact) {
    return Map.of("resolutionSummary", summary, "finalExternalMessage", "Uploads work again.", "impact", impact.value());
  }

  /**
   * An incident led by ivan (carla Communications Manager, dora Domain Expert), resolved, its reopen window over: its
   * postmortem has begun (or it is closed, as the policy says).
   */
  protected Incident resolvedIncident(String title, Severity severity) {
    Incident incident = resolvedInItsReopenWindow(title, severity);
    passReopenWindow(incident.processInstanceId());
    return incidents.get(incident.key());
  }

  /** As {@link #resolvedIncident}, but the reopen window is still open: a firing alert would reopen it. */
  protected Incident resolvedInItsReopenWindow(String title, Severity severity) {
    Incident incident = declareAndStaff(title, severity);
    String pi = incident.processInstanceId();
    runJobs(pi);
    resolve(pi, "Rolled back the release");
    return incidents.get(incident.key());
  }

  /** ivan ticks "Ready to resolve" in Lead the fix and confirms the resolution; the outside steps run. */
  protected void resolve(String pi, String summary) {
    leadTheFix(pi, "ivan", "monitoring", "Recovered; watching the error rate", null, true);
    runJobs(pi);
    complete(pi, IncidentProcess.Elements.CONFIRM_RESOLUTION, "ivan", resolution(summary, Impact.MINOR));
    runJobs(pi);
  }

  /** The reopen window's timer of this incident process. */
  protected Job reopenWindow(String pi) {
    Job window = engine.getManagementService().createJobQuery().processInstanceId(pi).timers()
        .activityId(IncidentProcess.Elements.REOPEN_WINDOW_OVER).singleResult();
    assertThat(window).as("the reopen window of " + pi).isNotNull();
    return window;
  }

  /** The reopen window ends (its timer fires, nobody waits for it): Improve starts; the jobs after it run. */
  protected void passReopenWindow(String pi) {
    engine.getManagementService().executeJob(reopenWindow(pi).getId());
    runJobs(pi);
  }

  /**
   * An incident recorded as resolved, with ivan's team (frida First Responder, carla Communications Manager, dora
   * Domain Expert), and its postmortem started as "Start the postmortem" starts it: no incident process runs, so a
   * postmortem test starts at the postmortem. Publishing tells the incident process: for that, use
   * {@link #resolvedIncident}.
   */
  protected Incident resolvedWithItsPostmortem(String title, Severity severity) {
    String key = incidentKeys.next();
    var openedAt = Timestamps.now().minusHours(2);
    incidents.insert(new IncidentRepository.NewIncident(key, title, null, severity, severity.defaultImpact(), true,
        null, "production", "manual", null, "no-incident-process-" + key, openedAt));
    incidents.assignRole(key, Role.FIRST_RESPONDER, List.of("frida"), openedAt);
    incidents.assignRole(key, Role.INCIDENT_MANAGER, List.of("ivan"), openedAt.plusMinutes(2));
    incidents.assignRole(key, Role.COMMUNICATIONS_MANAGER, List.of("carla"), openedAt.plusMinutes(5));
    incidents.assignRole(key, Role.DOMAIN_EXPERT, List.of("dora"), openedAt.plusMinutes(5));
    incidents.resolve(key, "Rolled back the release", Timestamps.now());
    assertThat(postmortemStart.begin(key, null)).as("postmortem of " + key).isNotNull();
    return incidents.get(key);
  }

  /** The running postmortem instance of an incident. */
  protected String postmortemOf(String key) {
    ProcessInstance postmortem = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(PostmortemProcess.KEY).processInstanceBusinessKey(key).singleResult();
    assertThat(postmortem).as("postmortem of " + key).isNotNull();
    return postmortem.getId();
  }

  /** A meeting time as Tasklist's date-time field sends it, {@code days} from the engine's now. */
  protected static String inDays(int days) {
    return Timestamps.now().plusDays(days).truncatedTo(ChronoUnit.MINUTES).toString();
  }

  /**
   * Schedules the postmortem meeting in 3 days with everyone involved, lets each invitee fill in the preparation
   * form, prepares and holds the meeting with these action items (title, owner, important, urgent).
   */
  protected void holdPostmortem(String key, List<Map<String, Object>> actionItems) {
    String postmortem = postmortemOf(key);
    complete(postmortem, PostmortemProcess.Elements.SCHEDULE_MEETING, "ivan", Map.of("meetingAt", inDays(3)));
    holdScheduledPostmortem(key, actionItems);
  }

  /** After "Schedule postmortem meeting": every preparation form, "Prepare meeting", "Hold postmortem meeting". */
  protected void holdScheduledPostmortem(String key, List<Map<String, Object>> actionItems) {
    prepareScheduledPostmortem(key);
    complete(postmortemOf(key), PostmortemProcess.Elements.HOLD_MEETING, "ivan", meeting(actionItems));
  }

  /** After "Schedule postmortem meeting": every invitee fills in the preparation form, then "Prepare meeting". */
  protected void prepareScheduledPostmortem(String key) {
    String postmortem = postmortemOf(key);
    runJobs(postmortem);
    for (Task preparation : engine.getTaskService().createTaskQuery().processInstanceId(postmortem)
        .taskDefinitionKey(PostmortemProcess.Elements.FILL_IN_PREPARATION_FORM).list()) {
      engine.getTaskService().complete(preparation.getId(),
          Map.of("whatHappened", preparation.getAssignee() + " saw uploads fail and helped roll back"));
    }
    complete(postmortem, PostmortemProcess.Elements.PREPARE_MEETING, "ivan", Map.of());
  }

  protected static Map<String, Object> meeting(List<Map<String, Object>> actionItems) {
    Map<String, Object> findings = new HashMap<>();
    findings.put("summary", "A release broke uploads for 40 minutes");
    findings.put("impactDescription", "Uploads failed for customers in the US");
    findings.put("rootCauses", "The release skipped the canary stage");
    findings.put("actionItems", ProcessVariables.json(actionItems));
    return findings;
  }

  protected static Map<String, Object> actionItem(String title, String owner, boolean important, boolean urgent) {
    return Map.of("title", title, "description", "Follow-up of the postmortem", "owner", owner,
        "important", important, "urgent", urgent);
  }

  /** The lead group's lena approves the postmortem in Tasklist; it is published and the incident closes. */
  protected void approvePostmortem(String key, String incidentProcessInstanceId) {
    String postmortem = postmortemOf(key);
    runJobs(postmortem);
    complete(postmortem, PostmortemProcess.Elements.REVIEW_POSTMORTEM, "lena", Map.of("postmortemApproved", true));
    runJobs(postmortem, incidentProcessInstanceId);
  }
}
