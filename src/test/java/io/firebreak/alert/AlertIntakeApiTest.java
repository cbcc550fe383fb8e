package io.firebreak.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import io.firebreak.IncidentScenarios;
import io.firebreak.ProcessAssertions;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Stage;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The alert endpoints over real HTTP with realistic payloads of each source. */
class AlertIntakeApiTest extends IncidentScenarios {

  static final String ALERTMANAGER_TOKEN = "demo-alertmanager-token";
  static final String PINGDOM_TOKEN = "demo-pingdom-token";
  static final String OPSGENIE_TOKEN = "demo-opsgenie-token";
  static final String GENERIC_TOKEN = "demo-alerts-token";

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  AlertProperties alertProperties;

  @Autowired
  AlertRepeats repeats;

  Http http;
  String run;

  @BeforeEach
  void setUp() {
    http = Http.to(port);
    run = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
  }

  /** A fixture from src/test/resources/alerts with this test's unique fingerprints. */
  String fixture(String name) throws IOException {
    return new ClassPathResource("alerts/" + name).getContentAsString(StandardCharsets.UTF_8).replace("${run}", run);
  }

  Http.Response alertmanager(String body) {
    return triaged(http.bearer(ALERTMANAGER_TOKEN).postJson("/api/alerts/alertmanager", body));
  }

  JsonNode outcome(Http.Response response, String fingerprint) {
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    for (JsonNode alert : response.json().get("alerts")) {
      if (alert.path("fingerprint").asText().equals(fingerprint)) {
        return alert;
      }
    }
    throw new AssertionError("no outcome for " + fingerprint + " in " + response.body());
  }

  long events(String fingerprint) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM alert_event WHERE fingerprint = ?", Long.class, fingerprint);
  }

  @Test
  void anAlertmanagerGroupOpensOneIncidentTheWorstAlertFirstAttachesResendsAndReportsRecoveryOfTheWholeGroup()
      throws IOException {
    Http.Response first = alertmanager(fixture("alertmanager-firing.json"));
    JsonNode us1 = outcome(first, "alertmanager:" + run + "-us1");
    JsonNode us2 = outcome(first, "alertmanager:" + run + "-us2");
    JsonNode latency = outcome(first, "alertmanager:" + run + "-latency");
    // The group's worst alert (critical, us1 before us2 by fingerprint) opens it: declared SEV1.
    assertThat(us1.get("outcome").asText()).isEqualTo("STARTED");
    String key = us1.get("incidentKey").asText();
    assertThat(key).matches("INC-\\d+");
    assertThat(us2.get("outcome").asText()).isEqualTo("GROUPED");
    assertThat(us2.get("incidentKey").asText()).isEqualTo(key);
    assertThat(latency.get("outcome").asText()).as("the warning joins, no evaluation of its own").isEqualTo("GROUPED");
    assertThat(latency.get("incidentKey").asText()).isEqualTo(key);
    assertThat(latency.get("processInstanceId").asText()).isEqualTo(us1.get("processInstanceId").asText());
    Incident incident = incidents.get(key);
    assertThat(incident.severity()).isEqualTo(Severity.SEV1);
    assertThat(incident.title()).isEqualTo("Media upload error rate above 5% in us1");
    assertThat(incident.environment()).isEqualTo("production");
    assertThat(incident.product()).isEqualTo("media-api");
    assertThat(incident.alertFingerprint()).isEqualTo("alertmanager:" + run + "-us1");
    assertThat(incident.alertOccurrences()).isEqualTo(3);
    TimelineEntry received = incidents.timeline(key).stream()
        .filter(e -> e.type() == TimelineEntryType.ALERT_RECEIVED).findFirst().orElseThrow();
    assertThat(received.details()).contains("\"fingerprint\":\"" + run + "-us1\"").contains("vmalert");
    assertThat(incidents.timeline(key)).filteredOn(e -> e.type() == TimelineEntryType.ALERT_RECEIVED)
        .extracting(TimelineEntry::message)
        .containsExactly("Alert firing: Media upload error rate above 5% in us1",
            "Alert of the same group joined: Media upload error rate above 5% in us2",
            "Alert of the same group joined: Media upload p99 latency above 2s in us1");
    assertThat(http.as("ivan").get("/api/incidents/" + key + "/alerts").json())
        .extracting(a -> a.get("fingerprint").asText())
        .containsExactlyInAnyOrder("alertmanager:" + run + "-us1", "alertmanager:" + run + "-us2",
            "alertmanager:" + run + "-latency");

    // Alertmanager re-sends the group: nothing new starts, the occurrences are counted.
    Http.Response again = alertmanager(fixture("alertmanager-firing.json"));
    assertThat(outcome(again, "alertmanager:" + run + "-us1").get("outcome").asText()).isEqualTo("ATTACHED");
    assertThat(outcome(again, "alertmanager:" + run + "-us1").get("incidentKey").asText()).isEqualTo(key);
    assertThat(outcome(again, "alertmanager:" + run + "-latency").get("outcome").asText()).isEqualTo("ATTACHED");
    assertThat(outcome(again, "alertmanager:" + run + "-latency").get("incidentKey").asText()).isEqualTo(key);
    repeats.count();
    assertThat(incidents.get(key).alertOccurrences()).isEqualTo(6);
    assertThat(incidents.get(key).alertLastSeenAt()).isNotNull();
    assertThat(incidents.timeline(key)).extracting(TimelineEntry::type).contains(TimelineEntryType.ALERT_REPEATED);

    // us1 and us2 recover, the latency alert still fires: each recovery is on the timeline, nobody is told yet.
    Http.Response resolved = alertmanager(fixture("alertmanager-resolved.json"));
    assertThat(outcome(resolved, "alertmanager:" + run + "-us1").get("outcome").asText()).isEqualTo("RECOVERED");
    assertThat(outcome(resolved, "alertmanager:" + run + "-us2").get("outcome").asText()).isEqualTo("RECOVERED");
    assertThat(incidents.get(key).sourceRecoveredAt()).isNull();
    assertThat(incidents.timeline(key)).filteredOn(e -> e.type() == TimelineEntryType.ALERT_RECOVERED).hasSize(2);
    assertThat(engine.getRuntimeService().getVariable(incident.processInstanceId(), "sourceRecovery")).isNull();

    // The last alert of the group recovers: the incident hears it once, and stays open.
    Http.Response latencyResolved = alertmanager(fixture("alertmanager-firing.json")
        .replace("\"status\": \"firing\"", "\"status\": \"resolved\""));
    assertThat(outcome(latencyResolved, "alertmanager:" + run + "-latency").get("outcome").asText()).isEqualTo("RECOVERED");
    assertThat(outcome(latencyResolved, "alertmanager:" + run + "-us1").get("outcome").asText()).isEqualTo("DUPLICATE");
    Incident recovered = incidents.get(key);
    assertThat(recovered.stage()).isEqualTo(Stage.OPEN);
    assertThat(recovered.sourceRecoveredAt()).isNotNull();
    assertThat((String) engine.getRuntimeService().getVariable(recovered.processInstanceId(), "sourceRecovery"))
        .startsWith("alertmanager reports recovery").contains("all 3 alerts of this incident");
    runJobs(recovered.processInstanceId());
    ProcessAssertions.assertThat(instanceOf(recovered))
        .hasPassed(IncidentProcess.Elements.NOTICE_SOURCE_RECOVERY);
    assertThat(incidents.timeline(key)).extracting(TimelineEntry::type)
        .contains(TimelineEntryType.ALERT_RECOVERED, TimelineEntryType.CHAT);
    assertThat(incidents.timeline(key)).filteredOn(e -> e.message().contains("stays open until")).hasSize(1);

    Http.Response resent = alertmanager(fixture("alertmanager-resolved.json"));
    assertThat(outcome(resent, "alertmanager:" + run + "-us1").get("outcome").asText()).isEqualTo("DUPLICATE");
    assertThat(events("alertmanager:" + run + "-us1")).isEqualTo(5);
  }

  @Test
  void pingdomDownOpensAnIncidentAndUpReportsRecovery() throws IOException {
    Http.Response down = triaged(http.postJson("/api/alerts/pingdom?token=" + PINGDOM_TOKEN, fixture("pingdom-down.json")));
    JsonNode started = outcome(down, "pingdom:" + run);
    assertThat(started.get("outcome").asText()).isEqualTo("STARTED");
    Incident incident = incidents.get(started.get("incidentKey").asText());
    assertThat(incident.title()).isEqualTo("Intranet login page is DOWN");
    assertThat(incident.severity()).as("importance HIGH").isEqualTo(Severity.SEV2);

    Http.Response up = triaged(http.postJson("/api/alerts/pingdom?token=" + PINGDOM_TOKEN, fixture("pingdom-up.json")));
    assertThat(outcome(up, "pingdom:" + run).get("outcome").asText()).isEqualTo("RECOVERED");
    assertThat(incidents.get(incident.key()).sourceRecoveredAt()).isNotNull();
  }

  @Test
  void opsgenieCreateAcknowledgeAndCloseAreIdempotentAndOtherActionsIgnored() throws IOException {
    Http opsgenie = http.header("X-Firebreak-Token", OPSGENIE_TOKEN);
    String fingerprint = "opsgenie:payments-queue-backlog-" + run;
    long began = System.currentTimeMillis() - 1_200_000;
    JsonNode created = outcome(triaged(opsgenie.postJson("/api/alerts/opsgenie", fixture("opsgenie-create.json")
        .replace("\"createdAt\": 1795467120000", "\"createdAt\": " + began))), fingerprint);
    assertThat(created.get("outcome").asText()).isEqualTo("STARTED");
    String key = created.get("incidentKey").asText();
    assertThat(incidents.get(key).detectedAt().toInstant()).as("Opsgenie's createdAt")
        .isEqualTo(java.time.Instant.ofEpochMilli(began));
    assertThat(incidents.get(key).severity()).as("priority P1").isEqualTo(Severity.SEV1);
    assertThat(incidents.get(key).product()).isEqualTo("Payments");

    assertThat(outcome(triaged(opsgenie.postJson("/api/alerts/opsgenie", fixture("opsgenie-acknowledge.json"))), fingerprint)
        .get("outcome").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(outcome(triaged(opsgenie.postJson("/api/alerts/opsgenie", fixture("opsgenie-acknowledge.json"))), fingerprint)
        .get("outcome").asText()).isEqualTo("DUPLICATE");
    assertThat(outcome(triaged(opsgenie.postJson("/api/alerts/opsgenie", fixture("opsgenie-create.json"))), fingerprint)
        .get("outcome").asText()).isEqualTo("ATTACHED");
    assertThat(outcome(triaged(opsgenie.postJson("/api/alerts/opsgenie", fixture("opsgenie-close.json"))), fingerprint)
        .get("outcome").asText()).isEqualTo("RECOVERED");
    assertThat(outcome(triaged(opsgenie.postJson("/api/alerts/opsgenie", fixture("opsgenie-close.json"))), fingerprint)
        .get("outcome").asText()).isEqualTo("DUPLICATE");
    assertThat(incidents.timeline(key)).filteredOn(e -> e.type() == TimelineEntryType.ALERT_ACKNOWLEDGED).hasSize(1);

    long before = events(fingerprint);
    Http.Response note = triaged(opsgenie.postJson("/api/alerts/opsgenie", fixture("opsgenie-addnote.json")));
    assertThat(note.status()).isEqualTo(202);
    assertThat(note.json().get("alerts")).isEmpty();
    assertThat(note.json().get("note").asText()).contains("AddNote");
    assertThat(events(fingerprint)).isEqualTo(before);
  }

  @Test
  void theGenericFormatFingerprintsByHashWhenNoneIsGiven() {
    String body = "{\"source\":\"alarm-tool\",\"title\":\"Cooling failure rack " + run + "\",\"severity\":\"critical\","
        + "\"labels\":{\"rack\":\"r12\",\"dc\":\"fra1\"},\"description\":\"Inlet 41C\"}";
    JsonNode first = triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)).json().get("alerts").get(0);
    String reordered = "{\"labels\":{\"dc\":\"fra1\",\"rack\":\"r12\"},\"title\":\"Cooling failure rack " + run
        + "\",\"source\":\"ALARM-TOOL\",\"severity\":\"critical\"}";
    JsonNode second = triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", reordered)).json().get("alerts").get(0);
    assertThat(first.get("fingerprint").asText()).startsWith("alarm-tool:").isEqualTo(second.get("fingerprint").asText());
    assertThat(first.get("outcome").asText()).isEqualTo("STARTED");
    assertThat(second.get("outcome").asText()).isEqualTo("ATTACHED");
    assertThat(second.get("incidentKey").asText()).isEqualTo(first.get("incidentKey").asText());
  }

  @Test
  void aRepeatIsCountedOnTheIncidentAndItsAlertWhileItsPayloadIsKeptOnceInTheAlertLog() {
    String body = "{\"source\":\"script\",\"fingerprint\":\"" + run + "\",\"title\":\"Queue full\",\"severity\":\"critical\"}";
    String key = outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), "script:" + run)
        .get("incidentKey").asText();
    JsonNode again = outcome(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body.replace("Queue full",
        "Queue full 0")), "script:" + run);
    assertThat(again.get("outcome").asText()).isEqualTo("ATTACHED");
    assertThat(again.get("incidentKey").asText()).isEqualTo(key);
    // Logged at once, counted a moment later (AlertRepeats): until then the incident shows its first alert only.
    assertThat(incidents.get(key).alertOccurrences()).isEqualTo(1);
    assertThat(repeats.count()).isPositive();
    assertThat(incidents.get(key).alertOccurrences()).isEqualTo(2);
    for (int repeat = 1; repeat <= 3; repeat++) {
      again = outcome(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body.replace("Queue full",
          "Queue full " + repeat)), "script:" + run);
      assertThat(again.get("outcome").asText()).isEqualTo("ATTACHED");
      assertThat(again.get("incidentKey").asText()).isEqualTo(key);
    }
    assertThat(repeats.count()).isGreaterThanOrEqualTo(3);
    assertThat(repeats.count()).as("each repeat is counted once").isZero();
    assertThat(incidents.get(key).alertOccurrences()).isEqualTo(5);
    JsonNode tracked = http.as("ivan").get("/api/incidents/" + key + "/alerts").json().get(0);
    assertThat(tracked.get("occurrences").asLong()).isEqualTo(5);
    assertThat(tracked.get("title").asText()).isEqualTo("Queue full 3");
    // The repeats are on the timeline with their count and title, one entry per count; what the source sent is in
    // the alert log, once.
    assertThat(incidents.timeline(key)).filteredOn(entry -> entry.type() == TimelineEntryType.ALERT_REPEATED)
        .extracting(TimelineEntry::message, TimelineEntry::details)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Alert fired again (2 times): Queue full 0", null),
            org.assertj.core.groups.Tuple.tuple(
                "Alert fired again, 3 times since the last entry (5 times in all): Queue full 3", null));
    assertThat(jdbc.queryForList("SELECT payload FROM alert_event WHERE fingerprint = ? AND outcome = 'ATTACHED' "
        + "AND incident_key = ? ORDER BY id", String.class, "script:" + run, key))
        .hasSize(4).allSatisfy(payload -> assertThat(payload).contains("\"fingerprint\":\"" + run + "\""));
  }

  @Test
  void aResolvedAlertWithNothingOpenIsIgnored() {
    Http.Response response = triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts",
        "{\"source\":\"script\",\"fingerprint\":\"" + run + "\",\"title\":\"Backup late\",\"status\":\"resolved\"}"));
    assertThat(outcome(response, "script:" + run).get("outcome").asText()).isEqualTo("IGNORED");
    // When the fingerprint fires later, the ignored recovery is no part of the new incident's story.
    String key = outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", "{\"source\":\"script\",\"fingerprint\":\""
        + run + "\",\"title\":\"Backup late\",\"severity\":\"critical\"}")), "script:" + run).get("incidentKey").asText();
    assertThat(incidents.timeline(key)).extracting(TimelineEntry::type).doesNotContain(TimelineEntryType.ALERT_RECOVERED)
        .contains(TimelineEntryType.ALERT_RECEIVED);
  }

  @Test
  void theSameIgnoredFingerprintTwiceInOneNotificationStartsOneProcess() throws IOException {
    String info = fixture("alertmanager-firing.json").replace("\"severity\": \"critical\"", "\"severity\": \"info\"")
        .replace("\"severity\": \"warning\"", "\"severity\": \"info\"").replace(run + "-us2", run + "-us1")
        .replace("\"groupKey\"", "\"ignoredGroupKey\"");
    Http.Response answer = alertmanager(info);
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    List<String> us1 = new java.util.ArrayList<>();
    answer.json().get("alerts").forEach(a -> {
      if (a.path("fingerprint").asText().equals("alertmanager:" + run + "-us1")) {
        us1.add(a.get("outcome").asText());
      }
    });
    // The second is taken onto the first's process before that triages it (after the answer): one process, which
    // ends ignored, and the fingerprint is suppressed from then on.
    assertThat(us1).containsExactly("STARTED", "ATTACHED");
    java.util.Set<String> processes = new java.util.HashSet<>();
    answer.json().get("alerts").forEach(a -> {
      if (a.path("fingerprint").asText().equals("alertmanager:" + run + "-us1")) {
        processes.add(a.get("processInstanceId").asText());
      }
    });
    assertThat(processes).as("one process").hasSize(1);
    assertThat(outcome(alertmanager(info), "alertmanager:" + run + "-us1").get("outcome").asText())
        .isEqualTo("SUPPRESSED");
  }

  @Test
  void aDismissedEvaluationSuppressesItsFingerprintForTheWindow() {
    String body = "{\"source\":\"script\",\"fingerprint\":\"" + run + "\",\"title\":\"Disk 85%\",\"severity\":\"warning\"}";
    JsonNode evaluation = outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), "script:" + run);
    String pi = evaluation.get("processInstanceId").asText();
    complete(pi, IncidentProcess.Elements.EVALUATE_EVENT, "frida", Map.of("declareIncident", false));

    assertThat(outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), "script:" + run).get("outcome").asText())
        .isEqualTo("SUPPRESSED");
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofMinutes(61).toMillis()));
    assertThat(outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), "script:" + run).get("outcome").asText())
        .isEqualTo("STARTED");
  }

  @Test
  void anInformationalAlertIgnoredByTriageIsSuppressedToo() {
    String body = "{\"source\":\"script\",\"fingerprint\":\"" + run + "\",\"title\":\"Deploy finished\",\"severity\":\"info\"}";
    JsonNode ignored = outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), "script:" + run);
    assertThat(ignored.get("outcome").asText()).isEqualTo("STARTED");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(ignored.get("processInstanceId").asText()).count()).as("triage ended it").isZero();
    assertThat(outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), "script:" + run).get("outcome").asText())
        .isEqualTo("SUPPRESSED");
  }

  @Test
  void alertsDuringAnEvaluationGoOntoTheIncidentOnceItIsDeclared() {
    String body = "{\"source\":\"script\",\"fingerprint\":\"" + run + "\",\"title\":\"Queue slow\",\"severity\":\"warning\"}";
    String pi = outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), "script:" + run)
        .get("processInstanceId").asText();
    assertThat(outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), "script:" + run).get("outcome").asText())
        .isEqualTo("ATTACHED");
    complete(pi, IncidentProcess.Elements.EVALUATE_EVENT, "frida",
        Map.of("declareIncident", true, "title", "Queue slow", "severity", "SEV3"));
    Incident incident = incidents.findByProcessInstance(pi).orElseThrow();
    assertThat(incident.alertOccurrences()).isEqualTo(2);
    assertThat(incidents.timeline(incident.key())).extracting(TimelineEntry::type)
        .contains(TimelineEntryType.ALERT_RECEIVED, TimelineEntryType.ALERT_REPEATED);
    assertThat(outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), "script:" + run).get("incidentKey").asText())
        .isEqualTo(incident.key());
  }

  @Test
  void aFiringAlertWithinTheReopenWindowReopensTheIncidentAndOneAfterItOpensANewIncident() {
    String body = "{\"source\":\"script\",\"fingerprint\":\"" + run + "\",\"title\":\"API down\",\"severity\":\"critical\"}";
    JsonNode first = outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), "script:" + run);
    String pi = first.get("processInstanceId").asText();
    takeIncidentManagerRole(pi, "ivan");
    appointRoles(pi, "ivan", "carla", List.of("dora"));
    leadTheFix(pi, "ivan", "monitoring", "Restarted", null, true);
    runJobs(pi);
    complete(pi, IncidentProcess.Elements.CONFIRM_RESOLUTION, "ivan",
        Map.of("resolutionSummary", "Restarted the API", "impact", "major"));
    runJobs(pi);
    JsonNode reopened = outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), "script:" + run);
    assertThat(reopened.get("outcome").asText()).isEqualTo("REOPENED");
    assertThat(reopened.get("incidentKey").asText()).isEqualTo(first.get("incidentKey").asText());
    assertThat(reopened.get("processInstanceId").asText()).isEqualTo(pi);
    assertThat(reopened.get("reason").asText())
        .isEqualTo("fired within the reopen window after the resolution of " + first.get("incidentKey").asText());
    Http.Response details = http.as("ivan").get("/api/incidents/" + first.get("incidentKey").asText());
    assertThat(details.json().get("stage").asText()).isEqualTo("FIX");
    assertThat(details.json().get("reopenings").asInt()).isEqualTo(1);
    assertThat(details.json().path("resolvedAt").isMissingNode() || details.json().get("resolvedAt").isNull())
        .as("no longer resolved").isTrue();
    assertThat(details.json().get("timeline").findValuesAsText("type")).contains("REOPENED");

    leadTheFix(pi, "ivan", "monitoring", "Restarted again, with more memory", null, true);
    runJobs(pi);
    complete(pi, IncidentProcess.Elements.CONFIRM_RESOLUTION, "ivan",
        Map.of("resolutionSummary", "Restarted the API with more memory", "impact", "major"));
    runJobs(pi);
    passReopenWindow(pi);
    JsonNode regression = outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), "script:" + run);
    assertThat(regression.get("outcome").asText()).isEqualTo("STARTED");
    assertThat(regression.get("incidentKey").asText()).isNotEqualTo(first.get("incidentKey").asText());
  }

  @Test
  void everySourceRefusesAMissingOrWrongSecretAndRecordsNothing() throws IOException {
    assertUnauthorized(triaged(http.postJson("/api/alerts/alertmanager", fixture("alertmanager-firing.json"))));
    assertUnauthorized(triaged(http.bearer("wrong").postJson("/api/alerts/alertmanager", fixture("alertmanager-firing.json"))));
    assertUnauthorized(triaged(http.as("frida").postJson("/api/alerts/alertmanager", fixture("alertmanager-firing.json"))));
    assertUnauthorized(triaged(http.postJson("/api/alerts/pingdom", fixture("pingdom-down.json"))));
    assertUnauthorized(triaged(http.postJson("/api/alerts/pingdom?token=wrong", fixture("pingdom-down.json"))));
    assertUnauthorized(triaged(http.postJson("/api/alerts/opsgenie", fixture("opsgenie-create.json"))));
    assertUnauthorized(triaged(http.header("X-Firebreak-Token", "wrong").postJson("/api/alerts/opsgenie", fixture("opsgenie-create.json"))));
    assertUnauthorized(triaged(http.bearer(ALERTMANAGER_TOKEN).postJson("/api/alerts",
        "{\"source\":\"x\",\"fingerprint\":\"" + run + "\",\"title\":\"t\"}")));
    assertThat(events("alertmanager:" + run + "-us1")).isZero();
    assertThat(events("pingdom:" + run)).isZero();
    assertThat(events("opsgenie:payments-queue-backlog-" + run)).isZero();
    assertThat(events("x:" + run)).isZero();
  }

  void assertUnauthorized(Http.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.json().get("detail").asText()).containsAnyOf("missing or wrong token", "not configured");
  }

  @Test
  void theIntakeTakesOnlyPostsAndAnswersOnlyJson() {
    Http.Response get = http.bearer(GENERIC_TOKEN).get("/api/alerts");
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.header("Allow")).isEqualTo("POST");
    assertThat(get.header("Content-Type")).startsWith("application/problem+json");
    assertThat(get.json().get("detail").asText()).isEqualTo("method GET is not allowed here");
    assertThat(http.bearer(ALERTMANAGER_TOKEN).get("/api/alerts/alertmanager").status()).isEqualTo(405);

    String body = "{\"source\":\"script\",\"fingerprint\":\"" + run + "\",\"title\":\"t\"}";
    Http.Response html = http.bearer(GENERIC_TOKEN).header("Accept", "text/html").postJson("/api/alerts", body);
    assertThat(html.status()).isEqualTo(406);
    assertThat(http.bearer(GENERIC_TOKEN).header("Accept", "no/such;;type").postJson("/api/alerts", body).status())
        .isEqualTo(406);
    assertThat(events("script:" + run)).as("refused before anything was taken").isZero();

    Http.Response json = http.bearer(GENERIC_TOKEN).header("Accept", "text/html, application/json;q=0.9")
        .postJson("/api/alerts", body);
    assertThat(triaged(json).status()).isEqualTo(202);
    assertThat(json.header("Content-Type")).startsWith("application/json");
    assertThat(json.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(http.bearer(GENERIC_TOKEN).postJson("/api/alerts/unknown", body).status())
        .as("no intake path: Spring MVC's 404").isEqualTo(404);
  }

  @Test
  void badPayloadsAre4xxNamingTheProblemAndLeaveNothingBehind() throws IOException {
    Http generic = http.bearer(GENERIC_TOKEN);
    Http.Response noTitle = triaged(generic.postJson("/api/alerts", "{\"source\":\"script\",\"fingerprint\":\"" + run + "\"}"));
    assertThat(noTitle.status()).isEqualTo(400);
    assertThat(noTitle.json().get("detail").asText()).isEqualTo("title: is required");
    assertThat(noTitle.json().get("fields").get(0).get("field").asText()).isEqualTo("title");

    Http.Response badStatus = triaged(generic.postJson("/api/alerts",
        "{\"source\":\"script\",\"fingerprint\":\"" + run + "\",\"title\":\"t\",\"status\":\"burning\"}"));
    assertThat(badStatus.json().get("detail").asText()).isEqualTo("status: must be firing or resolved, not burning");

    Http.Response malformed = triaged(generic.postJson("/api/alerts", "{\"source\":"));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("detail").asText()).isEqualTo("body: is not valid JSON");

    Http.Response text = generic.post("/api/alerts", "text/plain", "fire!");
    assertThat(text.status()).isEqualTo(415);

    long limit = alertProperties.getMaxBodySize().toBytes();
    String oversized = "{\"source\":\"script\",\"title\":\"t\",\"description\":\"" + "x".repeat((int) limit) + "\"}";
    Http.Response tooLarge = triaged(generic.postJson("/api/alerts", oversized));
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().get("detail").asText()).contains("larger than");
    Http.Response tooLargeStreamed = generic.postJsonStreamed("/api/alerts", oversized);
    assertThat(tooLargeStreamed.status()).as("no Content-Length: counted while reading").isEqualTo(413);
    assertThat(tooLargeStreamed.json().get("detail").asText()).isEqualTo("the body is larger than " + limit + " bytes");
    assertThat(generic.postJsonStreamed("/api/alerts",
        "{\"source\":\"script\",\"fingerprint\":\"" + run + "-streamed\",\"title\":\"t\",\"severity\":\"info\"}").status())
        .as("a streamed body within the limit is fine").isEqualTo(202);

    Http.Response badVersion = triaged(http.bearer(ALERTMANAGER_TOKEN).postJson("/api/alerts/alertmanager",
        fixture("alertmanager-firing.json").replace("\"version\": \"4\"", "\"version\": \"3\"")));
    assertThat(badVersion.status()).isEqualTo(400);
    assertThat(badVersion.json().get("fields").get(0).get("field").asText()).isEqualTo("version");

    // One unreadable alert of a group is rejected on its own; its neighbours are taken (Alertmanager does not retry).
    Http.Response noFingerprint = triaged(http.bearer(ALERTMANAGER_TOKEN).postJson("/api/alerts/alertmanager",
        fixture("alertmanager-firing.json").replace("\"fingerprint\": \"" + run + "-us2\"", "\"nofingerprint\": 1")));
    assertThat(noFingerprint.status()).isEqualTo(202);
    JsonNode rejected = noFingerprint.json().get("alerts").get(0);
    assertThat(rejected.get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(rejected.get("reason").asText()).isEqualTo("alerts[1].fingerprint: is required");
    assertThat(outcome(noFingerprint, "alertmanager:" + run + "-us1").get("outcome").asText()).isEqualTo("STARTED");
    assertThat(events("alertmanager:" + run + "-us1")).as("the valid alerts of the payload are taken").isEqualTo(1);

    Http.Response pingdomState = triaged(http.postJson("/api/alerts/pingdom?token=" + PINGDOM_TOKEN,
        fixture("pingdom-down.json").replace("\"current_state\": \"DOWN\"", "\"current_state\": \"SIDEWAYS\"")));
    assertThat(pingdomState.json().get("fields").get(0).get("field").asText()).isEqualTo("current_state");
    assertThat(events("script:" + run)).isZero();
  }

  /**
   * The request's answer while another node holds the fingerprint's row and does not let go (until the answer is
   * there), with a lock timeout of 300 ms.
   */
  Http.Response whileAnotherNodeHolds(String fingerprint, java.util.function.Supplier<Http.Response> request)
      throws Exception {
    Duration configured = alertProperties.getLockTimeout();
    alertProperties.setLockTimeout(Duration.ofMillis(300));
    try (var connection = jdbc.getDataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (var lock = connection.prepareStatement("SELECT * FROM alert_tracking WHERE fingerprint = ? FOR UPDATE")) {
        lock.setString(1, fingerprint);
        lock.executeQuery().close();
      }
      try {
        return request.get();
      } finally {
        connection.rollback();
      }
    } finally {
      alertProperties.setLockTimeout(configured);
    }
  }

  @Test
  void aRepeatIsTakenWhileAnotherNodeHoldsItsFingerprint() throws Exception {
    // The quick way of a repeat (one statement, no lock) reads its fingerprint's row as last committed: another node
    // deciding that fingerprint the long way (the row locked) does not hold it up. Were it to lock the row, shared or
    // not, it would wait for that node and be refused after the 300 ms lock timeout (503).
    String fingerprint = "script:" + run;
    String body = "{\"source\":\"script\",\"fingerprint\":\"" + run + "\",\"title\":\"Held\",\"severity\":\"critical\"}";
    JsonNode started = outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), fingerprint);
    assertThat(started.get("outcome").asText()).isEqualTo("STARTED");
    String key = started.get("incidentKey").asText();
    long before = events(fingerprint);
    Http.Response taken = whileAnotherNodeHolds(fingerprint,
        () -> http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body));
    JsonNode repeat = outcome(taken, fingerprint);
    assertThat(repeat.get("outcome").asText()).as("a repeat, the quick way").isEqualTo("ATTACHED");
    assertThat(repeat.get("incidentKey").asText()).isEqualTo(key);
    assertThat(events(fingerprint)).as("its event, written while the row was held").isEqualTo(before + 1);
    repeats.count();
    assertThat(incidents.get(key).alertOccurrences()).as("counted once the row was free").isEqualTo(2);
    assertThat(jdbc.queryForObject("SELECT occurrences FROM alert_tracking WHERE fingerprint = ?", Long.class,
        fingerprint)).isEqualTo(2);
  }

  @Test
  void whenTheAlertCannotBeRecordedTheSourceIsToldToRetryAndNothingIsHalfWritten() throws Exception {
    String fingerprint = "script:" + run;
    String body = "{\"source\":\"script\",\"fingerprint\":\"" + run + "\",\"title\":\"Locked\",\"severity\":\"critical\"}";
    jdbc.update("INSERT INTO alert_tracking (fingerprint, source, occurrences, first_seen_at, last_seen_at) "
        + "VALUES (?, 'script', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", fingerprint);
    Http.Response busy = whileAnotherNodeHolds(fingerprint,
        () -> triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)));
    assertThat(busy.status()).as(busy.body()).isEqualTo(503);
    assertThat(busy.header("Retry-After")).isEqualTo("5");
    assertThat(busy.json().get("detail").asText()).contains("retry");
    assertThat(events(fingerprint)).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .variableValueEquals("alertFingerprint", fingerprint).count()).isZero();
    // The retry goes through.
    assertThat(outcome(triaged(http.bearer(GENERIC_TOKEN).postJson("/api/alerts", body)), fingerprint).get("outcome").asText())
        .isEqualTo("STARTED");
  }
}
