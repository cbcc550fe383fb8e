package io.firebreak.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.Http;
import io.firebreak.IncidentScenarios;
import io.firebreak.incident.Incident;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One incident per problem on a bad night: alerts of one group share an incident, and the storm guard gathers a flood
 * of new alerts on one storm incident that its Incident Manager can split alerts off. Each test runs on an engine
 * clock of its own far in the future, so the storm guard's window sees only its alerts.
 */
class AlertGroupingTest extends IncidentScenarios {

  private static final Logger log = LoggerFactory.getLogger(AlertGroupingTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Autowired
  AlertProperties properties;

  @Autowired
  JdbcTemplate jdbc;

  Http http;
  String run;

  @BeforeEach
  void ownClock() {
    http = Http.to(port);
    run = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    long minutes = ThreadLocalRandom.current().nextLong(1, 5_000_000);
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(3650)).plus(Duration.ofMinutes(minutes * 30))));
  }

  @AfterEach
  void guardOff() {
    properties.getStormGuard().setEnabled(false);
    properties.setAlertmanagerGroupBy(List.of());
    // Every test has a clock of its own, years apart: a storm left going on would take in the next test's alerts
    // when that one's clock is earlier (on a database reused by both surefire runs, or by an earlier run).
    jdbc.update("UPDATE alert_group SET last_seen_at = ? WHERE storm = TRUE",
        java.time.OffsetDateTime.parse("2000-01-01T00:00:00Z"));
  }

  Http.Response generic(String json) {
    return triaged(http.bearer(AlertIntakeApiTest.GENERIC_TOKEN).postJson("/api/alerts", json));
  }

  JsonNode only(Http.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    assertThat(response.json().get("alerts")).hasSize(1);
    return response.json().get("alerts").get(0);
  }

  String genericAlert(String fingerprint, String title, String group) {
    return "{\"source\":\"alarm-tool\",\"fingerprint\":\"" + fingerprint + "\",\"title\":\"" + title
        + "\",\"severity\":\"critical\"" + (group == null ? "" : ",\"group\":\"" + group + "\"") + "}";
  }

  /** An Alertmanager notification of one rule firing on {@code count} instances: one groupKey, many fingerprints. */
  String alertmanagerGroup(String groupKey, int count, String status) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("version", "4").put("groupKey", groupKey).put("status", status).put("receiver", "firebreak");
    payload.putObject("commonLabels").put("alertname", "NodeDown-" + run).put("cluster", "prod-eu");
    ArrayNode alerts = payload.putArray("alerts");
    for (int i = 0; i < count; i++) {
      ObjectNode alert = alerts.addObject().put("status", status).put("fingerprint", run + "-node-" + i)
          .put("startsAt", "2026-11-30T23:00:00Z").put("endsAt", "0001-01-01T00:00:00Z");
      alert.putObject("labels").put("alertname", "NodeDown-" + run).put("severity", "critical")
          .put("instance", "node-" + i + ":9100").put("cluster", "prod-eu");
      alert.putObject("annotations").put("summary", "Node node-" + i + " is down")
          .put("description", "node_exporter on node-" + i + " has not answered for 2 minutes");
    }
    return payload.toString();
  }

  Http.Response alertmanager(String body) {
    return triaged(http.bearer(AlertIntakeApiTest.ALERTMANAGER_TOKEN).postJson("/api/alerts/alertmanager", body));
  }

  Map<String, Long> outcomes(Http.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    return stream(response.json().get("alerts")).collect(Collectors.groupingBy(a -> a.get("outcome").asText(),
        Collectors.counting()));
  }

  static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return IntStream.range(0, array.size()).mapToObj(array::get);
  }

  @Test
  void thirtyAlertsOfOneAlertmanagerGroupOpenOneIncidentAndEachResolvesOnItsOwn() {
    String groupKey = "{}:{alertname=\"NodeDown-" + run + "\"}";
    Http.Response firing = alertmanager(alertmanagerGroup(groupKey, 30, "firing"));
    assertThat(outcomes(firing)).containsOnly(Map.entry("STARTED", 1L), Map.entry("GROUPED", 29L));
    List<String> keys = stream(firing.json().get("alerts")).map(a -> a.get("incidentKey").asText()).distinct().toList();
    assertThat(keys).hasSize(1);
    Incident incident = incidents.get(keys.get(0));
    assertThat(incident.alertOccurrences()).isEqualTo(30);
    assertThat(incidents.timeline(incident.key())).filteredOn(e -> e.type() == TimelineEntryType.ALERT_RECEIVED)
        .hasSize(30);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert_tracking WHERE process_instance_id = ?", Long.class,
        incident.processInstanceId())).isEqualTo(30);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("incident")
        .variableValueLike("alertFingerprint", "alertmanager:" + run + "%").count()).as("one process").isEqualTo(1);
    // The alerts of an incident are read as the incident is: by responders and viewers, not by others.
    assertThat(http.as("vera").get("/api/incidents/" + incident.key() + "/alerts").json()).hasSize(30);
    assertThat(http.as("paula").get("/api/incidents/" + incident.key() + "/alerts").status()).isEqualTo(403);

    // A 31st instance of the same rule, in the next notification of the group, joins too.
    Http.Response more = alertmanager(alertmanagerGroup(groupKey, 31, "firing"));
    assertThat(outcomes(more)).containsOnly(Map.entry("ATTACHED", 30L), Map.entry("GROUPED", 1L));

    // Recoveries one by one: only the last tells the incident.
    ObjectNode partly = (ObjectNode) readTree(alertmanagerGroup(groupKey, 31, "resolved"));
    ((ArrayNode) partly.get("alerts")).remove(30);
    assertThat(outcomes(alertmanager(partly.toString()))).containsOnly(Map.entry("RECOVERED", 30L));
    assertThat(incidents.get(incident.key()).sourceRecoveredAt()).isNull();
    assertThat(outcomes(alertmanager(alertmanagerGroup(groupKey, 31, "resolved"))))
        .containsOnly(Map.entry("DUPLICATE", 30L), Map.entry("RECOVERED", 1L));
    assertThat(incidents.get(incident.key()).sourceRecoveredAt()).isNotNull();
    assertThat((String) engine.getRuntimeService().getVariable(incident.processInstanceId(), "sourceRecovery"))
        .contains("all 31 alerts of this incident");
  }

  @Test
  void configuredGroupLabelsGroupAcrossAlertmanagerGroupKeys() {
    properties.setAlertmanagerGroupBy(List.of("alertname", "cluster"));
    JsonNode first = only(alertmanager(alertmanagerGroup("{}:{route-a}", 1, "firing")));
    Http.Response second = alertmanager(alertmanagerGroup("{}:{route-b}", 2, "firing"));
    assertThat(outcomes(second)).containsOnly(Map.entry("ATTACHED", 1L), Map.entry("GROUPED", 1L));
    assertThat(stream(second.json().get("alerts")).map(a -> a.get("incidentKey").asText()).distinct().toList())
        .containsExactly(first.get("incidentKey").asText());
  }

  @Test
  void genericAlertsWithTheSameGroupShareAnIncidentAndOtherGroupsDoNot() {
    JsonNode first = only(generic(genericAlert(run + "-a", "Rack 12 power feed A lost", "rack-12-" + run)));
    JsonNode second = only(generic(genericAlert(run + "-b", "Rack 12 power feed B lost", "rack-12-" + run)));
    JsonNode other = only(generic(genericAlert(run + "-c", "Rack 13 power feed A lost", "rack-13-" + run)));
    assertThat(first.get("outcome").asText()).isEqualTo("STARTED");
    assertThat(second.get("outcome").asText()).isEqualTo("GROUPED");
    assertThat(second.get("incidentKey").asText()).isEqualTo(first.get("incidentKey").asText());
    assertThat(other.get("outcome").asText()).isEqualTo("STARTED");
    assertThat(other.get("incidentKey").asText()).isNotEqualTo(first.get("incidentKey").asText());
  }

  @Test
  void alertsOfAGroupThatJoinDuringAnEvaluationGoOntoTheIncidentOnceItIsDeclared() {
    String group = "queue-" + run;
    String first = "{\"source\":\"alarm-tool\",\"fingerprint\":\"" + run + "-q1\",\"title\":\"Queue q1 slow\","
        + "\"severity\":\"warning\",\"group\":\"" + group + "\"}";
    JsonNode evaluation = only(generic(first));
    assertThat(evaluation.get("outcome").asText()).isEqualTo("STARTED");
    // A warning is evaluated first: the key is reserved for the incident a First Responder may declare.
    String reserved = evaluation.get("incidentKey").asText();
    assertThat(incidents.find(reserved)).as("a warning is evaluated first").isEmpty();
    String pi = evaluation.get("processInstanceId").asText();
    task(pi, io.firebreak.incident.IncidentProcess.Elements.EVALUATE_EVENT);
    JsonNode joined = only(generic(first.replace("-q1", "-q2").replace("Queue q1", "Queue q2")));
    assertThat(joined.get("outcome").asText()).isEqualTo("GROUPED");
    assertThat(joined.get("processInstanceId").asText()).isEqualTo(pi);
    assertThat(joined.get("incidentKey").asText()).isEqualTo(reserved);

    complete(pi, io.firebreak.incident.IncidentProcess.Elements.EVALUATE_EVENT, "frida",
        Map.of("declareIncident", true, "title", "Queues slow", "severity", "SEV3"));
    Incident incident = incidents.findByProcessInstance(pi).orElseThrow();
    assertThat(incident.key()).isEqualTo(reserved);
    assertThat(incident.alertOccurrences()).isEqualTo(2);
    assertThat(incidents.timeline(incident.key())).filteredOn(e -> e.type() == TimelineEntryType.ALERT_RECEIVED)
        .extracting(TimelineEntry::message)
        .containsExactly("Alert firing: Queue q1 slow", "Alert of the same group joined: Queue q2 slow");
    JsonNode third = only(generic(first.replace("-q1", "-q3").replace("Queue q1", "Queue q3")));
    assertThat(third.get("outcome").asText()).isEqualTo("GROUPED");
    assertThat(third.get("incidentKey").asText()).isEqualTo(incident.key());
  }

  @Test
  void theStormGuardCountsAlertsWhoseFirstJobHasNotRunYet() {
    properties.getStormGuard().setEnabled(true);
    // Later than every other test's clock (no storm incident of theirs is within this one's window), and at a time
    // of its own among its earlier runs on the same database.
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(3650))
        .plus(Duration.ofMinutes(5_000_000L * 30)).plus(Duration.ofDays(1))
        .plus(Duration.ofMinutes(ThreadLocalRandom.current().nextLong(1, 5_000_000) * 30))));
    // In a storm the alerts come faster than the job executor triages them: five started, none recorded yet.
    List<JsonNode> answers = IntStream.range(0, 6)
        .mapToObj(i -> only(http.bearer(AlertIntakeApiTest.GENERIC_TOKEN).postJson("/api/alerts",
            genericAlert(run + "-" + i, "Service " + i + " unreachable", null))))
        .toList();
    String stormProcess = answers.get(5).get("processInstanceId").asText();
    try {
      assertThat(answers.subList(0, 5)).allSatisfy(a -> assertThat(a.get("outcome").asText()).isEqualTo("STARTED"))
          .allSatisfy(a -> assertThat(incidents.find(a.get("incidentKey").asText())).isEmpty());
      assertThat(answers.get(5).get("reason").asText())
          .isEqualTo("alert storm: 5 incidents opened by alerts within PT10M; this alert opened the storm incident");
      answers.forEach(a -> triageAlert(a.get("processInstanceId").asText()));
      assertThat(incidents.get(answers.get(5).get("incidentKey").asText()).title())
          .isEqualTo("Alert storm: Service 5 unreachable");
    } finally {
      // Its storm is over for the other tests, whatever their clocks say.
      jdbc.update("UPDATE alert_group SET last_seen_at = ? WHERE group_key = ?",
          java.time.OffsetDateTime.parse("2000-01-01T00:00:00Z"), "#storm:" + stormProcess);
    }
  }

  @Test
  void aStormOfNewAlertsGathersOnOneStormIncidentAndTheIncidentManagerSplitsOneOff() {
    properties.getStormGuard().setEnabled(true);
    // alert-storm.dmn: 5 incidents opened by alerts within PT10M, then a storm
    List<JsonNode> answers = IntStream.range(0, 9)
        .mapToObj(i -> only(generic(genericAlert(run + "-" + i, "Service " + i + " unreachable", null))))
        .toList();
    assertThat(answers.subList(0, 5)).allSatisfy(a -> assertThat(a.get("outcome").asText()).isEqualTo("STARTED"));
    assertThat(answers.subList(0, 5).stream().map(a -> a.get("incidentKey").asText()).distinct()).hasSize(5);
    JsonNode opener = answers.get(5);
    assertThat(opener.get("outcome").asText()).isEqualTo("STARTED");
    assertThat(opener.get("reason").asText()).contains("alert storm").contains("opened the storm incident");
    String storm = opener.get("incidentKey").asText();
    assertThat(incidents.get(storm).title()).isEqualTo("Alert storm: Service 5 unreachable");
    assertThat(answers.subList(6, 9)).allSatisfy(a -> {
      assertThat(a.get("outcome").asText()).isEqualTo("STORM");
      assertThat(a.get("incidentKey").asText()).isEqualTo(storm);
      // the five and the storm incident itself
      assertThat(a.get("reason").asText()).isEqualTo("alert storm: 6 incidents opened by alerts within PT10M");
    });
    assertThat(incidents.timeline(storm)).filteredOn(e -> e.type() == TimelineEntryType.ALERT_RECEIVED)
        .extracting(TimelineEntry::message).hasSize(4)
        .anySatisfy(m -> assertThat(m).startsWith("Alert storm (6 incidents opened by alerts within PT10M), alert attached: Service 7"));
    // A repeat of a storm alert stays with the storm incident.
    assertThat(only(generic(genericAlert(run + "-7", "Service 7 unreachable", null))).get("incidentKey").asText())
        .isEqualTo(storm);

    String stormProcess = incidents.get(storm).processInstanceId();
    String splitBody = "{\"fingerprint\":\"alarm-tool:" + run + "-7\"}";
    takeIncidentManagerRole(stormProcess, "ivan");
    Http.Response byOther = http.as("frida").postJson("/api/incidents/" + storm + "/alerts/split", splitBody);
    assertThat(byOther.status()).as(byOther.body()).isEqualTo(403);
    assertThat(byOther.json().get("detail").asText()).contains("only the Incident Manager of " + storm);
    Http.Response unknown = http.as("ivan").postJson("/api/incidents/" + storm + "/alerts/split",
        "{\"fingerprint\":\"alarm-tool:" + run + "-0\"}");
    assertThat(unknown.status()).as("an alert of another incident").isEqualTo(404);
    Http.Response ownAlert = http.as("ivan").postJson("/api/incidents/" + storm + "/alerts/split",
        "{\"fingerprint\":\"alarm-tool:" + run + "-5\"}");
    assertThat(ownAlert.status()).as("the alert that opened it").isEqualTo(409);

    Http.Response split = triaged(http.as("ivan").postJson("/api/incidents/" + storm + "/alerts/split", splitBody));
    assertThat(split.status()).as(split.body()).isEqualTo(201);
    String own = split.json().get("incidentKey").asText();
    assertThat(own).isNotEqualTo(storm);
    assertThat(incidents.get(own).title()).isEqualTo("Service 7 unreachable");
    assertThat(incidents.get(own).alertFingerprint()).isEqualTo("alarm-tool:" + run + "-7");
    assertThat(incidents.timeline(storm)).filteredOn(e -> e.type() == TimelineEntryType.ALERT_SPLIT)
        .extracting(TimelineEntry::message).containsExactly("Alert split off into " + own + ": Service 7 unreachable");
    assertThat(incidents.timeline(own)).filteredOn(e -> e.type() == TimelineEntryType.ALERT_SPLIT)
        .extracting(TimelineEntry::actor).containsExactly("ivan");
    // Its next alert goes to its own incident; the storm keeps the others.
    assertThat(only(generic(genericAlert(run + "-7", "Service 7 unreachable", null))).get("incidentKey").asText())
        .isEqualTo(own);
    assertThat(only(generic(genericAlert(run + "-8", "Service 8 unreachable", null))).get("incidentKey").asText())
        .isEqualTo(storm);
    assertThat(http.as("ivan").get("/api/incidents/" + storm + "/alerts").json())
        .extracting(a -> a.get("fingerprint").asText())
        .containsExactlyInAnyOrder("alarm-tool:" + run + "-5", "alarm-tool:" + run + "-6", "alarm-tool:" + run + "-8");

    // After the window, new alerts open their own incidents again.
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofMinutes(11).toMillis()));
    JsonNode later = only(generic(genericAlert(run + "-later", "Service 9 unreachable", null)));
    assertThat(later.get("outcome").asText()).as(later.toString()).isEqualTo("STARTED");
  }

  @Test
  void fiveThousandAlertsInOneRequestAreTakenAsOneGroup() {
    String body = alertmanagerGroup("{}:{alertname=\"NodeDown-" + run + "\"}", 5000, "firing");
    long started = System.nanoTime();
    Http.Response response = alertmanager(body);
    long millis = (System.nanoTime() - started) / 1_000_000;
    log.info("5,000 alerts of one group ({} bytes) answered in {} ms", body.length(), millis);
    assertThat(outcomes(response)).containsOnly(Map.entry("STARTED", 1L), Map.entry("GROUPED", 4999L));
    String key = response.json().get("alerts").get(0).get("incidentKey").asText();
    assertThat(incidents.get(key).alertOccurrences()).isEqualTo(5000);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert_event WHERE incident_key = ?", Long.class, key))
        .isEqualTo(5000);
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
