package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.Elements.LEAD_THE_FIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.Http;
import io.firebreak.IncidentScenarios;
import io.firebreak.ProcessAssertions;
import io.firebreak.alert.Alert;
import io.firebreak.alert.AlertOutcome;
import io.firebreak.postmortem.PostmortemProcess;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Incident Manager ends an incident early, in Lead the fix (Tasklist) or through the API: as a false alarm (no
 * postmortem, its alert suppressed) or as a duplicate of another (its alerts and timeline go there, no postmortem).
 */
class IncidentEndingTest extends IncidentScenarios {

  @LocalServerPort
  int port;

  @Test
  void aFalseAlarmFromTasklistClosesWithoutPostmortemAndItsAlertStartsNothingNew() {
    String fingerprint = "fp-false-alarm-" + System.nanoTime();
    AlertOutcome started = alertIntake.accept(alert(fingerprint));
    triageAlert(started.processInstanceId());
    Incident incident = incidents.findByProcessInstance(started.processInstanceId()).orElseThrow();
    String pi = incident.processInstanceId();
    takeIncidentManagerRole(pi, "ivan");
    appointRoles(pi, "ivan", "carla", List.of("dora"));
    runJobs(pi);

    complete(pi, LEAD_THE_FIX, "ivan", Map.of("endAs", "false-alarm"));
    runJobs(pi);

    Incident ended = incidents.get(incident.key());
    assertThat(ended.stage()).isEqualTo(Stage.CLOSED);
    assertThat(ended.resolutionSummary()).isEqualTo("False alarm");
    assertThat(postmortems(incident.key())).isZero();
    ProcessAssertions.assertThat(endedInstance(pi)).isEnded().hasNotPassed(IncidentProcess.Elements.CONFIRM_RESOLUTION,
        IncidentProcess.Elements.START_POSTMORTEM);
    assertThat(messages(incident.key())).contains(
        "Ended as a false alarm: no postmortem; its alerts start nothing new for the suppression window");

    AlertOutcome again = alertIntake.accept(alert(fingerprint));
    assertThat(again.outcome()).isEqualTo(AlertOutcome.Outcome.SUPPRESSED);
  }

  @Test
  void aDuplicateFromTheApiMovesItsAlertsAndTimelineToTheOriginalAndBothSaySo() {
    Incident original = declareAndStaff("Checkout fails in EU", Severity.SEV2);
    runJobs(original.processInstanceId());
    String fingerprint = "fp-duplicate-" + System.nanoTime();
    AlertOutcome started = alertIntake.accept(alert(fingerprint));
    triageAlert(started.processInstanceId());
    Incident duplicate = incidents.findByProcessInstance(started.processInstanceId()).orElseThrow();
    String pi = duplicate.processInstanceId();
    takeIncidentManagerRole(pi, "ivan");
    appointRoles(pi, "ivan", "carla", List.of("dora"));
    runJobs(pi);

    Http http = Http.to(port);
    String path = "/api/incidents/" + duplicate.key() + "/end";
    Http.Response notTheManager = http.as("frida").postJson(path, "{\"as\":\"duplicate\",\"of\":\"" + original.key() + "\"}");
    assertThat(notTheManager.status()).isEqualTo(403);
    Http.Response badKey = http.as("ivan").postJson(path, "{\"as\":\"duplicate\",\"of\":\"checkout\"}");
    assertThat(badKey.status()).isEqualTo(400);
    assertThat(badKey.json().get("detail").asText()).isEqualTo("'checkout' is not an incident key such as INC-7 (field 'of')");
    Http.Response itself = http.as("ivan").postJson(path, "{\"as\":\"duplicate\",\"of\":\"" + duplicate.key() + "\"}");
    assertThat(itself.status()).isEqualTo(400);
    assertThat(itself.json().get("detail").asText()).contains("cannot be a duplicate of itself (field 'of')");
    Http.Response badEnding = http.as("ivan").postJson(path, "{\"as\":\"resolved\"}");
    assertThat(badEnding.status()).isEqualTo(400);

    Http.Response ended = http.as("ivan").postJson(path, "{\"as\":\"duplicate\",\"of\":\"" + original.key().toLowerCase() + "\"}");
    assertThat(ended.status()).as(ended.body()).isEqualTo(200);
    assertThat(ended.json().get("duplicateOf").asText()).isEqualTo(original.key());
    runJobs(pi);

    assertThat(incidents.get(duplicate.key()).stage()).isEqualTo(Stage.CLOSED);
    assertThat(incidents.get(duplicate.key()).resolutionSummary()).startsWith("Duplicate of " + original.key());
    assertThat(postmortems(duplicate.key())).isZero();
    assertThat(messages(duplicate.key())).anyMatch(m -> m.startsWith("Ended as a duplicate of " + original.key()
        + ": no postmortem; its alerts and timeline continue there"));
    assertThat(messages(original.key())).contains(duplicate.key() + " (MediaUploadErrorRate high) is a duplicate of this"
        + " incident: its alerts and timeline are linked here");
    assertThat(http.as("ivan").get("/api/incidents/" + original.key() + "/alerts").body()).contains(fingerprint);
    assertThat(http.as("ivan").get("/api/incidents/" + duplicate.key() + "/alerts").body()).doesNotContain(fingerprint);
    // The duplicate's alert fires again: it goes onto the original, no new incident.
    AlertOutcome again = alertIntake.accept(alert(fingerprint));
    assertThat(again.outcome()).isEqualTo(AlertOutcome.Outcome.ATTACHED);
    assertThat(again.incidentKey()).isEqualTo(original.key());

    // Ended already: the API says so.
    Http.Response twice = http.as("ivan").postJson(path, "{\"as\":\"false-alarm\"}");
    assertThat(twice.status()).isEqualTo(409);
  }

  @Test
  void aDuplicateOfAnUnknownIncidentIsRefusedInTasklistAndTheTaskStaysOpen() {
    Incident incident = declareAndStaff("Login slow", Severity.SEV3);
    String pi = incident.processInstanceId();
    String task = task(pi, LEAD_THE_FIX).getId();
    assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of("endAs", "duplicate", "duplicateOf", "INC-999999")))
        .hasRootCauseInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("There is no incident INC-999999 (form field 'duplicateOf')");
    assertThat(task(pi, LEAD_THE_FIX).getId()).isEqualTo(task);
    assertThat(incidents.get(incident.key()).stage()).isEqualTo(Stage.FIX);
  }

  private static Alert alert(String fingerprint) {
    return Alert.firing("alertmanager", fingerprint, "MediaUploadErrorRate high", "5xx ratio above 5% for 5m",
        "critical", "production", "Media API", "http://vmalert.example/alert/1", Map.of("alertname", "MediaUploadErrorRate"));
  }

  private List<String> messages(String key) {
    return incidents.timeline(key).stream().map(TimelineEntry::message).toList();
  }

  private long postmortems(String key) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PostmortemProcess.KEY)
        .processInstanceBusinessKey(key).count();
  }
}
