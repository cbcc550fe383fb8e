package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.Elements.LEAD_THE_FIX;
import static io.firebreak.incident.IncidentProcess.Elements.PUBLISH_EXTERNAL_UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.IncidentScenarios;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A severity changed in Lead the fix applies what {@code communication.dmn} says for it, as the declaration does:
 * raised to SEV1 it opens the bridge, pages once and drafts "Investigating" for the status page; lowered it closes
 * nothing. Without outside tools the recorder writes each action onto the timeline.
 */
class SeverityRaiseTest extends IncidentScenarios {

  @Test
  void raisingASev3ToSev1OpensTheBridgePagesAndGivesTheCommunicationsManagerAnInvestigatingDraft() {
    Incident incident = declareAndStaff("Search returns nothing", Severity.SEV3);
    String pi = incident.processInstanceId();
    runJobs(pi);
    assertThat(count(incident, "Bridge opened")).isZero();
    assertThat(count(incident, "Paged the on-call team")).isZero();

    fixRound(pi, "SEV1", null);
    runJobs(pi);
    assertThat(count(incident, "Bridge opened for SEV1")).isEqualTo(1);
    assertThat(count(incident, "Paged the on-call team")).isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariable(pi, IncidentProcess.Variables.ON_CALL_PAGED)).isEqualTo(true);
    Task publish = task(pi, PUBLISH_EXTERNAL_UPDATE);
    assertThat(publish.getAssignee()).isEqualTo("carla");
    assertThat((String) engine.getTaskService().getVariable(publish.getId(), "externalUpdate"))
        .isEqualTo("Investigating: we are investigating Search returns nothing. We will post an update as soon as we know more.");
    assertThat(incidents.timeline(incident.key())).extracting(TimelineEntry::message).contains(
        "Severity raised to SEV1: a status page is expected; an \"Investigating\" update is drafted for the Communications Manager");

    // Lowered again: what is open stays open, nobody is paged or bridged twice.
    fixRound(pi, "SEV3", null);
    runJobs(pi);
    assertThat(incidents.get(incident.key()).severity()).isEqualTo(Severity.SEV3);
    assertThat(count(incident, "Bridge opened")).isEqualTo(1);
    assertThat(count(incident, "Paged the on-call team")).isEqualTo(1);
    // And raised once more: on-call is not paged a second time.
    fixRound(pi, "SEV2", null);
    runJobs(pi);
    assertThat(count(incident, "Paged the on-call team")).isEqualTo(1);
    assertThat(task(pi, LEAD_THE_FIX)).isNotNull();
  }

  @Test
  void aRoundThatKeepsTheSeverityOpensNothingAndAnIncidentManagersOwnDraftIsKept() {
    Incident incident = declareAndStaff("Exports are slow", Severity.SEV3);
    String pi = incident.processInstanceId();
    runJobs(pi);
    fixRound(pi, "SEV3", null);
    runJobs(pi);
    assertThat(count(incident, "Bridge opened")).isZero();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi)
        .taskDefinitionKey(PUBLISH_EXTERNAL_UPDATE).count()).isZero();

    fixRound(pi, "SEV1", "Exports are delayed; we are on it.");
    runJobs(pi);
    assertThat((String) engine.getTaskService().getVariable(task(pi, PUBLISH_EXTERNAL_UPDATE).getId(), "externalUpdate"))
        .isEqualTo("Exports are delayed; we are on it.");
    assertThat(count(incident, "Bridge opened for SEV1")).isEqualTo(1);
  }

  private void fixRound(String pi, String severity, String externalDraft) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("status", "investigating");
    variables.put("statusUpdate", "Still looking (" + severity + ")");
    variables.put("externalUpdateDraft", externalDraft);
    variables.put("severity", severity);
    variables.put("readyToResolve", false);
    complete(pi, LEAD_THE_FIX, "ivan", variables);
  }

  private long count(Incident incident, String start) {
    List<TimelineEntry> timeline = incidents.timeline(incident.key());
    return timeline.stream().filter(entry -> entry.message().startsWith(start)).count();
  }
}
