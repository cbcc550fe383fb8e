package io.firebreak.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import io.firebreak.IncidentScenarios;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentKeys;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.Severity;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A new alert's incident starts asynchronously: the alert's request reserves the key and commits the process instance
 * with one job; that job takes the alert from the alert log, triages it and records the incident under the key.
 */
class AlertStartTest extends IncidentScenarios {

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  Http http;
  String run;

  @BeforeEach
  void setUp() {
    http = Http.to(port);
    run = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
  }

  /** Posts one alert as a source does; its process's first job has not run when this returns. */
  JsonNode post(String title, String severity) {
    Http.Response answer = http.bearer(AlertIntakeApiTest.GENERIC_TOKEN).postJson("/api/alerts",
        "{\"source\":\"script\",\"fingerprint\":\"" + run + "-" + title.hashCode() + "\",\"title\":\"" + title
            + "\",\"severity\":\"" + severity + "\",\"environment\":\"prod/us1\",\"product\":\"Checkout\"}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    return answer.json().get("alerts").get(0);
  }

  ProcessInstance process(String processInstanceId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
  }

  @Test
  void theAnswerCarriesTheReservedKeyAndTheFirstJobRecordsTheIncidentUnderIt() {
    JsonNode answer = post("Checkout returns 500", "critical");
    assertThat(answer.get("outcome").asText()).isEqualTo("STARTED");
    String key = answer.get("incidentKey").asText();
    String pi = answer.get("processInstanceId").asText();
    assertThat(key).matches("INC-\\d+");

    // The request committed the process instance under that key and one job, and nothing of triage yet.
    assertThat(process(pi).getBusinessKey()).isEqualTo(key);
    Job first = engine.getManagementService().createJobQuery().processInstanceId(pi).singleResult();
    assertThat(first.getExecutionId()).isNotNull();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi)
        .activityId(IncidentProcess.Elements.START_ALERT_RECEIVED).count()).isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariables(pi)).as("the alert waits in the alert log")
        .doesNotContainKeys(IncidentProcess.Variables.TITLE, IncidentProcess.Variables.SOURCE,
            IncidentProcess.Variables.ALERT_FINGERPRINT);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi).count())
        .as("no step ran in the request").isZero();
    assertThat(incidents.find(key)).isEmpty();
    Http.Response early = http.as("frida").get("/api/incidents/" + key);
    assertThat(early.status()).as(early.body()).isEqualTo(404);
    assertThat(early.json().get("detail").asText()).contains(key).contains("its alert is being evaluated");

    triageAlert(pi);

    Incident incident = incidents.get(key);
    assertThat(incident.processInstanceId()).isEqualTo(pi);
    assertThat(incident.title()).isEqualTo("Checkout returns 500");
    assertThat(incident.severity()).isEqualTo(Severity.SEV1);
    assertThat(incident.environment()).isEqualTo("prod/us1");
    assertThat(incident.product()).isEqualTo("Checkout");
    assertThat(incident.source()).isEqualTo("script");
    assertThat(incident.alertFingerprint()).isEqualTo("script:" + run + "-" + "Checkout returns 500".hashCode());
    assertThat(incidents.timeline(key)).filteredOn(e -> e.type() == TimelineEntryType.ALERT_RECEIVED)
        .extracting(TimelineEntry::message).containsExactly("Alert firing: Checkout returns 500");
    assertThat(IncidentKeys.numberOf(key)).isPositive();
    assertThat(http.as("frida").get("/api/incidents/" + key).status()).isEqualTo(200);
    // The response goes on in the job after "Record the incident", as for a declared incident.
    continueAfterRecording(pi);
    task(pi, IncidentProcess.Elements.TAKE_INCIDENT_MANAGER_ROLE);
  }

  @Test
  void aRepeatBeforeTheFirstJobCarriesTheReservedKeyAndIsCountedOnTheIncident() {
    JsonNode started = post("Search slow", "critical");
    JsonNode repeat = post("Search slow", "critical");
    assertThat(repeat.get("outcome").asText()).isEqualTo("ATTACHED");
    assertThat(repeat.get("incidentKey").asText()).isEqualTo(started.get("incidentKey").asText());
    assertThat(repeat.get("processInstanceId").asText()).isEqualTo(started.get("processInstanceId").asText());

    triageAlert(started.get("processInstanceId").asText());

    Incident incident = incidents.get(started.get("incidentKey").asText());
    assertThat(incident.alertOccurrences()).isEqualTo(2);
    assertThat(incidents.timeline(incident.key())).extracting(TimelineEntry::type)
        .containsSequence(TimelineEntryType.ALERT_RECEIVED, TimelineEntryType.ALERT_REPEATED);
  }

  @Test
  void aDismissedEventsKeyStaysUnusedAndTheNextAlertGetsTheNextNumber() {
    JsonNode evaluation = post("Disk 85% on db-2", "warning");
    String dismissed = evaluation.get("incidentKey").asText();
    String pi = evaluation.get("processInstanceId").asText();
    triageAlert(pi);
    complete(pi, IncidentProcess.Elements.EVALUATE_EVENT, "frida", Map.of("declareIncident", false));
    assertThat(process(pi)).as("dismissed: no incident").isNull();

    assertThat(incidents.find(dismissed)).isEmpty();
    Http.Response unused = http.as("frida").get("/api/incidents/" + dismissed);
    assertThat(unused.status()).as(unused.body()).isEqualTo(404);
    assertThat(unused.json().get("detail").asText()).contains(dismissed).contains("stays unused");

    JsonNode next = post("Disk 95% on db-2", "critical");
    assertThat(IncidentKeys.numberOf(next.get("incidentKey").asText())).isEqualTo(IncidentKeys.numberOf(dismissed) + 1);
    triageAlert(next.get("processInstanceId").asText());
    assertThat(incidents.get(next.get("incidentKey").asText()).title()).isEqualTo("Disk 95% on db-2");
  }

  @Test
  void aFirstStepThatFailsIsRetriedAndTheAlertIsNotLost() {
    // A process started under a reserved key whose alert is not in the alert log (yet): its first job fails.
    String key = incidentKeys.next();
    String pi = engine.getRuntimeService().createMessageCorrelation(IncidentProcess.Messages.ALERT_RECEIVED)
        .processInstanceBusinessKey(key).correlateStartMessage().getId();
    Job first = engine.getManagementService().createJobQuery().processInstanceId(pi).singleResult();
    int retries = first.getRetries();
    assertThatThrownBy(() -> engine.getManagementService().executeJob(first.getId()))
        .hasMessageContaining("is not in the alert log");

    Job failed = engine.getManagementService().createJobQuery().processInstanceId(pi).singleResult();
    assertThat(failed.getRetries()).as("retried by the model's cycle").isEqualTo(retries - 1);
    assertThat(failed.getExceptionMessage()).contains(key);
    assertThat(failed.getDuedate()).as("the retry waits for its cycle").isNotNull();
    assertThat(process(pi)).as("the alert's process waits").isNotNull();
    assertThat(incidents.find(key)).isEmpty();

    // The alert is there by the next try: the retry records the incident under the reserved key.
    String fingerprint = "script:" + run + "-late";
    jdbc.update("INSERT INTO alert_tracking (fingerprint, source, occurrences, first_seen_at, last_seen_at, "
        + "process_instance_id) VALUES (?, 'script', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?)", fingerprint, pi);
    jdbc.update("INSERT INTO alert_event (fingerprint, source, status, outcome, title, received_at, process_instance_id, "
        + "severity_hint) VALUES (?, 'script', 'FIRING', 'STARTED', 'Payments time out', CURRENT_TIMESTAMP, ?, 'critical')",
        fingerprint, pi);
    engine.getManagementService().executeJob(failed.getId());

    Incident incident = incidents.get(key);
    assertThat(incident.processInstanceId()).isEqualTo(pi);
    assertThat(incident.title()).isEqualTo("Payments time out");
    assertThat(incident.alertFingerprint()).isEqualTo(fingerprint);
  }
}
