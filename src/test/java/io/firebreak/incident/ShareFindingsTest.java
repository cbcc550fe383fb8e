package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.Elements.CONFIRM_RESOLUTION;
import static io.firebreak.incident.IncidentProcess.Elements.LEAD_THE_FIX;
import static io.firebreak.incident.IncidentProcess.Elements.SHARE_FINDINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.IncidentScenarios;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The Domain Experts' work: each appointed expert has "Share findings" while the Fix lasts, gets it again after each
 * sharing, and the Incident Manager reads the latest findings per expert in Lead the fix and on the timeline. The
 * tasks never hold up the fix: they end when it is ready to resolve or ended early, and follow the experts the
 * Incident Manager appoints in Lead the fix.
 */
class ShareFindingsTest extends IncidentScenarios {

  @Test
  void twoExpertsShareFindingsTheIncidentManagerSeesTheLatestAndTheFixResolvesWithATaskOpen() {
    Incident incident = declare("Media upload fails in US", Severity.SEV2, "frida");
    String pi = incident.processInstanceId();
    takeIncidentManagerRole(pi, "ivan");
    appointRoles(pi, "ivan", "carla", List.of("dora", "dan"));
    runJobs(pi);
    assertThat(findingsTasks(pi)).extracting(Task::getAssignee).containsExactlyInAnyOrder("dora", "dan");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(SHARE_FINDINGS)
        .initializeFormKeys().list()).extracting(t -> t.getCamundaFormRef().getKey()).containsOnly("share-findings");

    share(pi, "dora", "Upload pods run out of disk", "Raise the volume to 50 GB");
    share(pi, "dan", "CDN answers 502 for large files", null);
    share(pi, "dora", "The disk fills with stale thumbnails", "Purge thumbnails older than a day");
    runJobs(pi);

    // Each expert has one task again, empty: one expert's words never show in another's form.
    List<Task> again = findingsTasks(pi);
    assertThat(again).extracting(Task::getAssignee).containsExactlyInAnyOrder("dora", "dan");
    for (Task task : again) {
      assertThat(engine.getTaskService().getVariable(task.getId(), "findings")).isNull();
      assertThat(engine.getTaskService().getVariable(task.getId(), "proposedMitigations")).isNull();
    }

    List<TimelineEntry> findings = incidents.timeline(incident.key()).stream()
        .filter(entry -> entry.type() == TimelineEntryType.FINDINGS).toList();
    assertThat(findings).extracting(TimelineEntry::actor).containsExactly("dora", "dan", "dora");
    assertThat(findings).extracting(TimelineEntry::message).containsExactly(
        "Findings: Upload pods run out of disk\nProposed mitigations: Raise the volume to 50 GB",
        "Findings: CDN answers 502 for large files",
        "Findings: The disk fills with stale thumbnails\nProposed mitigations: Purge thumbnails older than a day");
    // Posted to the channel step by step; without a chat tool the recorder writes it down.
    assertThat(incidents.timeline(incident.key())).extracting(TimelineEntry::message)
        .filteredOn(message -> message.startsWith("Posted the findings of "))
        .hasSize(3)
        .contains("Posted the findings of dan: Findings: CDN answers 502 for large files"
            + " (recorded only: no chat tool is configured)");

    // The Incident Manager's open Lead the fix shows the latest of each expert.
    String latest = "dan — Findings: CDN answers 502 for large files"
        + "\n\ndora — Findings: The disk fills with stale thumbnails\nProposed mitigations: Purge thumbnails older than a day";
    assertThat(engine.getTaskService().getVariable(task(pi, LEAD_THE_FIX).getId(), "findingsByExpert")).isEqualTo(latest);
    leadTheFix(pi, "ivan", "identified", "Thumbnails fill the disk", null, false);
    assertThat(engine.getTaskService().getVariable(task(pi, LEAD_THE_FIX).getId(), "findingsByExpert")).isEqualTo(latest);
    assertThat(findingsTasks(pi)).hasSize(2);

    // Ready to resolve while both tasks are open: Resolve goes on and the tasks are gone.
    leadTheFix(pi, "ivan", "monitoring", "Purged; uploads work", null, true);
    assertThat(findingsTasks(pi)).isEmpty();
    assertThat(task(pi, CONFIRM_RESOLUTION).getAssignee()).isEqualTo("ivan");
    runJobs(pi);
    assertThat(findingsTasks(pi)).isEmpty();
  }

  @Test
  void anExpertTheIncidentManagerRemovesLosesTheTaskAndOneAddedGetsIt() {
    Incident incident = declareAndStaff("Search returns nothing", Severity.SEV3);
    String pi = incident.processInstanceId();
    runJobs(pi);
    assertThat(findingsTasks(pi)).extracting(Task::getAssignee).containsExactly("dora");
    share(pi, "dora", "The index alias points nowhere", null);

    Map<String, Object> round = new HashMap<>();
    round.put("status", "identified");
    round.put("statusUpdate", "Index alias lost");
    round.put("readyToResolve", false);
    round.put("domainExperts", List.of("dan"));
    complete(pi, LEAD_THE_FIX, "ivan", round);
    runJobs(pi);

    assertThat(findingsTasks(pi)).extracting(Task::getAssignee).containsExactly("dan");
    assertThat(incidents.get(incident.key()).roles().domainExperts()).containsExactly("dan");
    // Dora's findings stay on the timeline, but Lead the fix shows the current experts' only.
    assertThat(engine.getTaskService().getVariable(task(pi, LEAD_THE_FIX).getId(), "findingsByExpert")).isNull();
    share(pi, "dan", "Alias restored by hand", "Alert on a missing alias");
    assertThat(engine.getTaskService().getVariable(task(pi, LEAD_THE_FIX).getId(), "findingsByExpert"))
        .isEqualTo("dan — Findings: Alias restored by hand\nProposed mitigations: Alert on a missing alias");

    // A round that keeps the experts keeps their open tasks as they are.
    String dansTask = findingsTasks(pi).get(0).getId();
    leadTheFix(pi, "ivan", "monitoring", "Watching", null, false);
    assertThat(findingsTasks(pi)).extracting(Task::getId).containsExactly(dansTask);

    // Both back: each has a task.
    round.put("domainExperts", List.of("dan", "dora"));
    complete(pi, LEAD_THE_FIX, "ivan", round);
    assertThat(findingsTasks(pi)).extracting(Task::getAssignee).containsExactlyInAnyOrder("dan", "dora");
  }

  @Test
  void findingsAreRequiredAndAnIncidentEndedAsAFalseAlarmEndsTheTasks() {
    Incident incident = declareAndStaff("Pager storm", Severity.SEV3);
    String pi = incident.processInstanceId();
    Task task = findingsTasks(pi).get(0);
    assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), Map.of("findings", "  ")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Findings are required (form field 'findings')");
    assertThat(findingsTasks(pi)).extracting(Task::getId).containsExactly(task.getId());

    complete(pi, LEAD_THE_FIX, "ivan", Map.of("endAs", "false-alarm"));
    assertThat(findingsTasks(pi)).isEmpty();
  }

  private List<Task> findingsTasks(String pi) {
    return engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(SHARE_FINDINGS).list();
  }

  private void share(String pi, String expert, String findings, String mitigations) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(SHARE_FINDINGS)
        .taskAssignee(expert).singleResult();
    assertThat(task).as("Share findings of " + expert).isNotNull();
    Map<String, Object> variables = new HashMap<>();
    variables.put("findings", findings);
    variables.put("proposedMitigations", mitigations);
    engine.getTaskService().complete(task.getId(), variables);
  }
}
