package io.firebreak.processes;

import static io.firebreak.postmortem.PostmortemProcess.Elements.HOLD_MEETING;
import static io.firebreak.postmortem.PostmortemProcess.Elements.SCHEDULE_MEETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.Http;
import io.firebreak.IncidentScenarios;
import io.firebreak.alert.Alert;
import io.firebreak.alert.AlertOutcome;
import io.firebreak.alert.AlertOutcome.Outcome;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Timestamps;
import io.firebreak.postmortem.PostmortemProcess;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The process owner changes a rule in Camunda Modeler, deploys, and the next incident follows it; nothing in Java
 * knows the old value. Each test takes its changed model away again, so the suite runs on {@code processes/}.
 */
class ProcessOwnerRulesTest extends IncidentScenarios {

  @LocalServerPort
  int port;

  private Modeler modeler;

  @BeforeEach
  void modeler() {
    modeler = new Modeler(Http.to(port), engine);
  }

  @Test
  void aPostmortemModelWithAMeetingWithin10DaysAOneHourTimeboxAndA4WeekDeadlineIsFollowedByTheNextPostmortem()
      throws Exception {
    String model = Modeler.changed("postmortem.bpmn",
        "<camunda:inputParameter name=\"meetingWithin\">P14D</camunda:inputParameter>",
        "<camunda:inputParameter name=\"meetingWithin\">P10D</camunda:inputParameter>");
    model = model.replace("<camunda:inputParameter name=\"meetingTimebox\">PT1H30M</camunda:inputParameter>",
            "<camunda:inputParameter name=\"meetingTimebox\">PT1H</camunda:inputParameter>")
        .replace("<camunda:inputParameter name=\"actionItemDeadline\">P42D</camunda:inputParameter>",
            "<camunda:inputParameter name=\"actionItemDeadline\">P4W</camunda:inputParameter>");
    assertThat(model).contains(">PT1H<", ">P4W<");
    String deployment = modeler.deploy("postmortem.bpmn", model);
    try {
      Incident incident = resolvedIncident("Exports time out", Severity.SEV2);
      String postmortem = postmortemOf(incident.key());

      Task schedule = task(postmortem, SCHEDULE_MEETING);
      assertThat(schedule.getDueDate()).isEqualTo(Date.from(incident.resolvedAt().plusDays(10).toInstant()));
      assertThat(engine.getTaskService().getVariable(schedule.getId(), "meetingRules"))
          .isEqualTo("1 hour, at most 10 days after the resolution");
      assertThatThrownBy(() -> engine.getTaskService().complete(schedule.getId(), Map.of("meetingAt", inDays(11))))
          .hasRootCauseInstanceOf(BadUserRequestException.class)
          .hasMessageContaining("within 10 days of the resolution");
      Job overdue = engine.getManagementService().createJobQuery().processInstanceId(postmortem).timers()
          .activityId(PostmortemProcess.Elements.MEETING_OVERDUE).singleResult();
      assertThat(overdue.getDuedate()).isEqualTo(Date.from(incident.resolvedAt().plusDays(10).toInstant()));

      complete(postmortem, SCHEDULE_MEETING, "ivan", Map.of("meetingAt", inDays(9)));
      runJobs(postmortem);
      for (Task preparation : engine.getTaskService().createTaskQuery().processInstanceId(postmortem)
          .taskDefinitionKey(PostmortemProcess.Elements.FILL_IN_PREPARATION_FORM).list()) {
        engine.getTaskService().complete(preparation.getId(), Map.of("whatHappened", "Exports timed out"));
      }
      complete(postmortem, PostmortemProcess.Elements.PREPARE_MEETING, "ivan", Map.of());
      Task hold = task(postmortem, HOLD_MEETING);
      assertThat((String) engine.getTaskService().getVariableLocal(hold.getId(), "timebox")).startsWith("1 hour: ");
      assertThat(engine.getTaskService().getVariableLocal(hold.getId(), "actionItemRule"))
          .isEqualTo("within 28 days of the meeting");
      OffsetDateTime heldAt = Timestamps.now();
      complete(postmortem, HOLD_MEETING, "ivan", meeting(List.of(actionItem("Page on export latency", "dora", true, true))));
      runJobs(postmortem);
      String item = engine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey(PostmortemProcess.ACTION_ITEM_KEY).processInstanceBusinessKey(incident.key())
          .singleResult().getId();
      assertThat(task(item, PostmortemProcess.Elements.IMPLEMENT_ACTION_ITEM).getDueDate()).isEqualTo(Date.from(
          heldAt.plusDays(28).toLocalDate().atTime(23, 59, 59).toInstant(ZoneOffset.UTC)));
    } finally {
      modeler.undeploy(deployment);
    }
  }

  @Test
  void aPostmortemPolicyThatRequiresOneForSev3IsFollowedByTheNextResolvedSev3() throws Exception {
    String table = Modeler.changed("postmortem-policy.dmn",
        "<outputEntry id=\"Rule_Sev3_Out0\"><text>\"optional\"</text></outputEntry>",
        "<outputEntry id=\"Rule_Sev3_Out0\"><text>\"required\"</text></outputEntry>");
    String deployment = modeler.deploy("postmortem-policy.dmn", table);
    try {
      // The Incident Manager does not ask for one: the process owner's table requires it anyway.
      Incident incident = resolvedIncident("Search results stale", Severity.SEV3);
      assertThat(postmortemOf(incident.key())).isNotNull();
      assertThat(incidents.get(incident.key()).stage()).isEqualTo(io.firebreak.incident.Stage.IMPROVE);
    } finally {
      modeler.undeploy(deployment);
    }
    Incident after = resolvedIncident("Search results stale (table restored)", Severity.SEV3);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PostmortemProcess.KEY)
        .processInstanceBusinessKey(after.key()).count()).as("the original table again").isZero();
  }

  @Test
  void aCommunicationTableThatBridgesSev3IsFollowedByTheNextSev3Declared() throws Exception {
    String table = Modeler.changed("communication.dmn",
        "<outputEntry id=\"Rule_Sev3_Out3\"><text>false</text></outputEntry>",
        "<outputEntry id=\"Rule_Sev3_Out3\"><text>true</text></outputEntry>");
    String deployment = modeler.deploy("communication.dmn", table);
    try {
      // Not customer-facing, minor: the table's last SEV3 rule, which now opens a bridge.
      Incident incident = declarations.declare(new io.firebreak.incident.IncidentDeclarations.Declaration(
          "Reports export slowly", Severity.SEV3, io.firebreak.incident.Impact.MINOR, false, null, null, null), "frida");
      runJobs(incident.processInstanceId());
      assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
          .processInstanceId(incident.processInstanceId()).activityId(io.firebreak.incident.IncidentProcess.Elements.OPEN_BRIDGE)
          .count()).isEqualTo(1);
    } finally {
      modeler.undeploy(deployment);
    }
    Incident after = declarations.declare(new io.firebreak.incident.IncidentDeclarations.Declaration(
        "Reports export slowly (table restored)", Severity.SEV3, io.firebreak.incident.Impact.MINOR, false, null, null,
        null), "frida");
    runJobs(after.processInstanceId());
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(after.processInstanceId()).activityId(io.firebreak.incident.IncidentProcess.Elements.OPEN_BRIDGE)
        .count()).as("the original table again").isZero();
  }

  @Test
  void anIncidentModelWithATwoHourReopenWindowIsFollowedByTheNextIncident() throws Exception {
    String model = Modeler.changed("incident.bpmn",
        "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">PT1H</bpmn:timeDuration>",
        "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">PT2H</bpmn:timeDuration>");
    String deployment = modeler.deploy("incident.bpmn", model);
    ClockUtil.setCurrentTime(new Date()); // held still, so the resolution and its timer share one instant
    try {
      Alert alert = Alert.firing("alertmanager", "alertmanager:two-hour-window-" + System.nanoTime(),
          "Checkout latency high", null, "critical", "production", "Checkout", null, Map.of());
      AlertOutcome opened = alertIntake.accept(alert);
      String pi = opened.processInstanceId();
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).singleResult()
          .getProcessDefinitionId()).as("the next incident runs on the deployed model").isEqualTo(engine
          .getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment).singleResult().getId());
      takeIncidentManagerRole(pi, "ivan");
      appointRoles(pi, "ivan", "carla", List.of("dora"));
      runJobs(pi);
      resolve(pi, "Scaled the checkout pods");
      Incident resolved = incidents.get(opened.incidentKey());
      assertThat(reopenWindow(pi).getDuedate()).as("two hours after the resolution")
          .isEqualTo(Date.from(resolved.resolvedAt().plusHours(2).toInstant()));

      ClockUtil.setCurrentTime(Date.from(resolved.resolvedAt().plusMinutes(90).toInstant()));
      AlertOutcome again = alertIntake.accept(alert);

      assertThat(again.outcome()).as("90 minutes after the resolution, within 2 hours").isEqualTo(Outcome.REOPENED);
      assertThat(again.incidentKey()).isEqualTo(resolved.key());
      assertThat(task(pi, IncidentProcess.Elements.LEAD_THE_FIX).getAssignee()).isEqualTo("ivan");
    } finally {
      ClockUtil.setCurrentTime(new Date());
      modeler.undeploy(deployment);
    }
    Incident after = resolvedInItsReopenWindow("Checkout latency high (model restored)", Severity.SEV2);
    assertThat(reopenWindow(after.processInstanceId()).getDuedate()).as("the original model's hour again")
        .isEqualTo(Date.from(after.resolvedAt().plusHours(1).toInstant()));
  }
}
