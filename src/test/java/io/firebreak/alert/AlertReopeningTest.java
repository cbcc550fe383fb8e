package io.firebreak.alert;

import static io.firebreak.incident.IncidentProcess.Elements.ANNOUNCE_REOPENING;
import static io.firebreak.incident.IncidentProcess.Elements.ANNOUNCE_RESOLUTION;
import static io.firebreak.incident.IncidentProcess.Elements.DECIDE_POSTMORTEM;
import static io.firebreak.incident.IncidentProcess.Elements.LEAD_THE_FIX;
import static io.firebreak.incident.IncidentProcess.Elements.SHARE_FINDINGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.IncidentScenarios;
import io.firebreak.alert.AlertOutcome.Outcome;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.Stage;
import io.firebreak.incident.Status;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A firing alert within the reopen window after the resolution (PT1H in incident.bpmn) takes the resolved incident
 * back into the Fix instead of opening a new one; after the window it is a new incident. Each test runs on an engine
 * clock of its own, moved as the minutes pass.
 */
class AlertReopeningTest extends IncidentScenarios {

  private String run;
  private Instant start;

  @BeforeEach
  void ownClock() {
    run = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    start = Instant.now().plus(Duration.ofDays(3650 + ThreadLocalRandom.current().nextLong(1, 100_000)));
    ClockUtil.setCurrentTime(Date.from(start));
  }

  private void minutesLater(long minutes) {
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(minutes))));
  }

  private Alert checkoutLatency(String fingerprint, String group) {
    return new Alert("alertmanager", fingerprint, AlertStatus.FIRING, "Checkout latency high", "p99 above 2s for 5m",
        "critical", "production", "Checkout", "http://vmalert.example/alert/7", Map.of("alertname", "CheckoutLatency"),
        null, null, group, "{\"status\":\"firing\",\"fingerprint\":\"" + fingerprint + "\"}");
  }

  /** The alert opens an incident; ivan leads it with dora as Domain Expert and resolves it. */
  private Incident resolvedByAlert(Alert alert) {
    AlertOutcome opened = alertIntake.accept(alert);
    assertThat(opened.outcome()).isEqualTo(Outcome.STARTED);
    String pi = opened.processInstanceId();
    takeIncidentManagerRole(pi, "ivan");
    appointRoles(pi, "ivan", "carla", List.of("dora"));
    runJobs(pi);
    minutesLater(20);
    resolve(pi, "Scaled the checkout pods");
    Incident resolved = incidents.get(opened.incidentKey());
    assertThat(resolved.stage()).isEqualTo(Stage.RESOLVED);
    return resolved;
  }

  private long incidentProcessesOf(String fingerprint) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(IncidentProcess.KEY).variableValueEquals(IncidentProcess.Variables.ALERT_FINGERPRINT,
            fingerprint).count();
  }

  private long passed(String pi, String activity) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi)
        .activityId(activity).finished().count();
  }

  private List<TimelineEntry> entries(String key, TimelineEntryType type) {
    return incidents.timeline(key).stream().filter(entry -> entry.type() == type).toList();
  }

  @Test
  void aFiringAlertTenMinutesAfterTheResolutionReopensTheIncidentIntoTheFixAndItsNextResolutionStartsANewWindow() {
    Alert alert = checkoutLatency("alertmanager:reopen-" + run, null);
    Incident resolved = resolvedByAlert(alert);
    String key = resolved.key();
    String pi = resolved.processInstanceId();
    assertThat(reopenWindow(pi).getDuedate()).as("one hour after the resolution")
        .isEqualTo(Date.from(resolved.resolvedAt().plusHours(1).toInstant()));

    minutesLater(10);
    AlertOutcome again = alertIntake.accept(alert);

    assertThat(again.outcome()).isEqualTo(Outcome.REOPENED);
    assertThat(again.incidentKey()).isEqualTo(key);
    assertThat(again.processInstanceId()).isEqualTo(pi);
    assertThat(incidentProcessesOf(alert.fingerprint())).as("no new incident").isEqualTo(1);
    Incident reopened = incidents.get(key);
    assertThat(reopened.stage()).isEqualTo(Stage.FIX);
    assertThat(reopened.status()).isEqualTo(Status.INVESTIGATING);
    assertThat(reopened.resolvedAt()).as("no longer resolved").isNull();
    assertThat(reopened.reopenedAt()).isEqualTo(ClockUtil.getCurrentTime().toInstant().atOffset(java.time.ZoneOffset.UTC));
    assertThat(reopened.reopenings()).isEqualTo(1);
    assertThat(entries(key, TimelineEntryType.REOPENED)).singleElement().satisfies(entry -> {
      assertThat(entry.message()).startsWith("Reopened by alertmanager alert \"Checkout latency high\" within the reopen window");
      assertThat(entry.details()).isEqualTo(alert.payload());
    });
    assertThat(task(pi, LEAD_THE_FIX).getAssignee()).as("Lead the fix for the Incident Manager").isEqualTo("ivan");
    assertThat(engine.getRuntimeService().getVariable(pi, IncidentProcess.Variables.READY_TO_RESOLVE))
        .as("Lead the fix does not come ticked").isEqualTo(false);
    assertThat(task(pi, SHARE_FINDINGS).getAssignee()).as("the Domain Expert shares findings again").isEqualTo("dora");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi).timers()
        .activityId(IncidentProcess.Elements.REOPEN_WINDOW_OVER).count()).as("the window is closed").isZero();
    assertThat(engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(pi)
        .eventName(IncidentProcess.Messages.INCIDENT_REOPENED).count()).isZero();

    runJobs(pi);
    assertThat(passed(pi, ANNOUNCE_REOPENING)).as("the channel is told").isEqualTo(1);
    assertThat(entries(key, TimelineEntryType.CHAT)).extracting(TimelineEntry::message).anySatisfy(message ->
        assertThat(message).startsWith(
            "Announced the reopening: alertmanager alert \"Checkout latency high\" fired again; ivan leads the fix"));
    AlertOutcome repeat = alertIntake.accept(alert);
    assertThat(repeat.outcome()).as("a repeat while in the Fix again").isEqualTo(Outcome.ATTACHED);
    assertThat(repeat.incidentKey()).isEqualTo(key);

    minutesLater(30);
    resolve(pi, "Scaled the checkout pods and raised the connection pool");
    Incident resolvedAgain = incidents.get(key);
    assertThat(resolvedAgain.stage()).isEqualTo(Stage.RESOLVED);
    assertThat(resolvedAgain.resolvedAt()).isAfter(resolved.resolvedAt());
    assertThat(resolvedAgain.resolutionSummary()).isEqualTo("Scaled the checkout pods and raised the connection pool");
    assertThat(passed(pi, ANNOUNCE_RESOLUTION)).as("each resolution announced").isEqualTo(2);
    assertThat(reopenWindow(pi).getDuedate()).as("a new window from the second resolution")
        .isEqualTo(Date.from(resolvedAgain.resolvedAt().plusHours(1).toInstant()));
    assertThat(passed(pi, DECIDE_POSTMORTEM)).isZero();

    passReopenWindow(pi);
    assertThat(passed(pi, DECIDE_POSTMORTEM)).as("the window over: Improve").isEqualTo(1);
    assertThat(incidents.get(key).stage()).isIn(Stage.IMPROVE, Stage.CLOSED);
    assertThat(alertIntake.accept(alert).outcome()).as("after the window").isEqualTo(Outcome.STARTED);
  }

  @Test
  void afterTheReopenWindowTheSameFingerprintOpensANewIncident() {
    Alert alert = checkoutLatency("alertmanager:after-window-" + run, null);
    Incident resolved = resolvedByAlert(alert);
    minutesLater(61);
    passReopenWindow(resolved.processInstanceId());

    AlertOutcome later = alertIntake.accept(alert);

    assertThat(later.outcome()).isEqualTo(Outcome.STARTED);
    assertThat(later.incidentKey()).isNotNull().isNotEqualTo(resolved.key());
    triageAlert(later.processInstanceId());
    assertThat(incidentProcessesOf(alert.fingerprint())).isEqualTo(2);
    Incident old = incidents.get(resolved.key());
    assertThat(old.stage()).isNotEqualTo(Stage.FIX);
    assertThat(old.reopenings()).isZero();
    assertThat(entries(resolved.key(), TimelineEntryType.REOPENED)).isEmpty();
  }

  @Test
  void aNewAlertOfTheResolvedIncidentsGroupWithinTheWindowReopensItAndJoinsIt() {
    String group = "alertmanager:{}:{alertname=\"CheckoutLatency\"}-" + run;
    Incident resolved = resolvedByAlert(checkoutLatency("alertmanager:group-first-" + run, group));
    Alert another = checkoutLatency("alertmanager:group-second-" + run, group);

    minutesLater(5);
    AlertOutcome outcome = alertIntake.accept(another);

    assertThat(outcome.outcome()).isEqualTo(Outcome.REOPENED);
    assertThat(outcome.incidentKey()).isEqualTo(resolved.key());
    assertThat(incidents.get(resolved.key()).stage()).isEqualTo(Stage.FIX);
    assertThat(alertIntake.alertsOf(resolved.key())).extracting(AttachedAlert::fingerprint)
        .contains(another.fingerprint());
    assertThat(incidentProcessesOf(another.fingerprint())).as("no incident of its own").isZero();
    assertThat(alertIntake.accept(another).outcome()).as("it belongs to the incident now").isEqualTo(Outcome.ATTACHED);
  }
}
