package io.firebreak.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import io.firebreak.IncidentScenarios;
import io.firebreak.alert.Alert;
import io.firebreak.alert.AlertOutcome;
import io.firebreak.incident.Impact;
import io.firebreak.incident.IncidentProcess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** /actuator/prometheus scraped with the token around a small incident, its values read from the text format. */
class PrometheusMetricsTest extends IncidentScenarios {

  private static final String TOKEN = "test-metrics-token";

  @LocalServerPort
  int port;

  @Test
  void anIncidentFromAlertToResolutionIsCountedAndTimed() {
    Scrape before = scrape();
    long start = System.currentTimeMillis();
    ClockUtil.setCurrentTime(new java.util.Date(start));

    String fingerprint = "fp-metrics-" + System.nanoTime();
    Alert alert = Alert.firing("alertmanager", fingerprint, "MediaUploadErrorRate high", "5xx ratio above 5% for 5m",
        "critical", "production", "Media API", "http://vmalert.example/alert/1", Map.of("alertname", "Metrics"));
    AlertOutcome opened = alertIntake.accept(alert);
    assertThat(opened.outcome()).isEqualTo(AlertOutcome.Outcome.STARTED);
    AlertOutcome repeat = alertIntake.accept(alert);
    assertThat(repeat.outcome()).isEqualTo(AlertOutcome.Outcome.ATTACHED);
    String pi = opened.processInstanceId();
    runJobs(pi);

    // The Incident Manager takes it 10 minutes after it was opened, and confirms the resolution 2 hours after that.
    ClockUtil.setCurrentTime(new java.util.Date(start + 600_000));
    takeIncidentManagerRole(pi, "ivan");
    appointRoles(pi, "ivan", "carla", List.of("dora"));
    runJobs(pi);
    leadTheFix(pi, "ivan", "monitoring", "Recovered; watching the error rate", null, true);
    runJobs(pi);
    ClockUtil.setCurrentTime(new java.util.Date(start + 600_000 + 7_200_000));
    complete(pi, IncidentProcess.Elements.CONFIRM_RESOLUTION, "ivan", resolution("Rolled back", Impact.MINOR));
    runJobs(pi);

    Scrape after = scrape();
    Map<String, String> sev1 = Map.of("severity", "SEV1");
    assertThat(after.increase(before, "firebreak_incidents_opened_total",
        Map.of("severity", "SEV1", "source", "alertmanager"))).as("incidents opened").isEqualTo(1);
    assertThat(after.increase(before, "firebreak_alerts_total", Map.of("source", "alertmanager", "outcome", "started")))
        .as("alerts that started an incident").isEqualTo(1);
    assertThat(after.increase(before, "firebreak_alerts_total", Map.of("source", "alertmanager", "outcome", "attached")))
        .as("the repeat").isEqualTo(1);

    String ack = "firebreak_incident_time_to_acknowledge_seconds";
    assertThat(after.increase(before, ack + "_count", sev1)).isEqualTo(1);
    assertThat(after.increase(before, ack + "_sum", sev1)).isEqualTo(600);
    assertThat(after.increase(before, ack + "_bucket", bucket(300))).as("not within 5 minutes").isZero();
    assertThat(after.increase(before, ack + "_bucket", bucket(900))).as("within 15 minutes").isEqualTo(1);

    String resolve = "firebreak_incident_time_to_resolve_seconds";
    assertThat(after.increase(before, resolve + "_count", sev1)).isEqualTo(1);
    assertThat(after.increase(before, resolve + "_sum", sev1)).isEqualTo(600 + 7200);
    assertThat(after.increase(before, resolve + "_bucket", bucket(7200))).as("not within 2 hours").isZero();
    assertThat(after.increase(before, resolve + "_bucket", bucket(14400))).as("within 4 hours").isEqualTo(1);

    for (String gauge : List.of("firebreak_action_items_open", "firebreak_action_items_overdue",
        "firebreak_postmortem_meetings_overdue", "firebreak_failed_steps", "firebreak_job_backlog")) {
      assertThat(after.value(gauge, Map.of())).as(gauge).isNotNull().isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void detectionIsWhenTheAlertSaysItsProblemBegan() {
    Scrape before = scrape();
    long start = System.currentTimeMillis();
    ClockUtil.setCurrentTime(new java.util.Date(start));
    // The alarm tool saw the problem 30 minutes before its alert reached Firebreak.
    String began = java.time.Instant.ofEpochMilli(start - 1_800_000).toString();
    Http.Response answer = triaged(Http.to(port).bearer("demo-alerts-token").postJson("/api/alerts", """
        {"source": "alarm-tool", "title": "Cooling failure rack %s", "severity": "critical",
         "environment": "production", "startedAt": "%s"}""".formatted(System.nanoTime(), began)));
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    String key = answer.json().get("alerts").get(0).get("incidentKey").asText();
    String pi = answer.json().get("alerts").get(0).get("processInstanceId").asText();
    runJobs(pi);
    assertThat(incidents.get(key).detectedAt().toInstant()).isEqualTo(java.time.Instant.parse(began));
    assertThat(incidents.get(key).openedAt().toInstant().toEpochMilli()).isEqualTo(start);
    assertThat(Http.to(port).as("ivan").get("/api/incidents/" + key).json().get("detectedAt").asText())
        .as("the incident's JSON").isNotBlank();

    ClockUtil.setCurrentTime(new java.util.Date(start + 600_000));
    takeIncidentManagerRole(pi, "ivan");

    Scrape after = scrape();
    String ack = "firebreak_incident_time_to_acknowledge_seconds";
    assertThat(after.increase(before, ack + "_sum", Map.of("severity", "SEV1"))).as("30 + 10 minutes").isEqualTo(2400);
    assertThat(after.increase(before, ack + "_bucket", bucket(1800))).as("not within 30 minutes").isZero();
    assertThat(after.increase(before, ack + "_bucket", bucket(3600))).as("within the hour").isEqualTo(1);
  }

  @Test
  void theEndpointIsClosedWithoutTheToken() {
    Http.Response none = Http.to(port).get("/actuator/prometheus");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().path("detail").asText()).contains("Bearer");
    assertThat(none.body()).doesNotContain("firebreak_");

    Http.Response wrong = Http.to(port).bearer(TOKEN + "x").get("/actuator/prometheus");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().path("detail").asText()).isEqualTo("wrong metrics token");

    Http.Response basic = Http.to(port).as("ivan").get("/actuator/prometheus");
    assertThat(basic.status()).as("a Firebreak user is no scrape token").isEqualTo(401);

    Http.Response sneaky = Http.to(port).get("//actuator/prometheus");
    assertThat(sneaky.status()).as("a doubled slash").isIn(400, 401, 404);

    assertThat(Http.to(port).get("/actuator/health").status()).as("health stays open").isEqualTo(200);
  }

  private static Map<String, String> bucket(double le) {
    return Map.of("severity", "SEV1", "le", String.valueOf(le));
  }

  @Test
  void theGrafanaDashboardAsksOnlyForWhatFirebreakServes() throws java.io.IOException {
    // Every kind of sample present: an alert's incident, and an incident taken, led and resolved.
    alertIntake.accept(Alert.firing("pingdom", "fp-dashboard-" + System.nanoTime(), "Checkout down", "HTTP 503",
        "critical", "production", "Checkout", null, Map.of()));
    resolvedIncident("Dashboard check", io.firebreak.incident.Severity.SEV2);
    Scrape scrape = scrape();
    java.util.Set<String> served = new java.util.HashSet<>();
    scrape.samples().forEach(sample -> served.add(sample.name()));

    var dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(java.nio.file.Path.of("src/docs/grafana/firebreak-dashboard.json").toFile());
    assertThat(dashboard.path("__inputs").get(0).path("name").asText()).isEqualTo("DS_PROMETHEUS");
    List<String> asked = new java.util.ArrayList<>();
    java.util.Set<Integer> ids = new java.util.HashSet<>();
    for (var panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel ids are distinct").isTrue();
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
      assertThat(panel.path("gridPos").path("x").asInt() + panel.path("gridPos").path("w").asInt())
          .as(panel.path("title").asText() + " fits Grafana's 24 columns").isLessThanOrEqualTo(24);
      for (var target : panel.path("targets")) {
        Matcher metric = Pattern.compile("firebreak_[a-z_]+").matcher(target.path("expr").asText());
        while (metric.find()) {
          asked.add(metric.group());
        }
      }
    }
    assertThat(asked).as("the dashboard's metrics").hasSizeGreaterThanOrEqualTo(10);
    assertThat(served).containsAll(asked);
  }

  @Test
  void theAlertIntakeIsTimedUnderItsPaths() {
    Scrape before = scrape();
    Http alerts = Http.to(port).bearer("demo-alerts-token");
    assertThat(alerts.postJson("/api/alerts", "{\"source\":\"script\"}").status()).isEqualTo(400);
    assertThat(alerts.get("/api/alerts").status()).isEqualTo(405);
    assertThat(Http.to(port).postJson("/api/alerts/pingdom", "{}").status()).isEqualTo(401);

    Scrape after = scrape();
    String count = "http_server_requests_seconds_count";
    assertThat(after.increase(before, count, Map.of("uri", "/api/alerts", "method", "POST", "status", "400")))
        .isEqualTo(1);
    assertThat(after.increase(before, count, Map.of("uri", "/api/alerts", "method", "GET", "status", "405")))
        .isEqualTo(1);
    assertThat(after.increase(before, count, Map.of("uri", "/api/alerts/pingdom", "method", "POST", "status", "401")))
        .isEqualTo(1);
  }

  private Scrape scrape() {
    // As Prometheus asks for it: the text format.
    Http.Response response = Http.to(port).bearer(TOKEN).header("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1")
        .get("/actuator/prometheus");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("text/plain");
    return Scrape.parse(response.body());
  }

  /** The samples of one scrape in the Prometheus text format: name, labels and value per line. */
  record Scrape(List<Sample> samples) {

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape parse(String text) {
      List<Sample> samples = new java.util.ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        Matcher matcher = LINE.matcher(line.trim());
        assertThat(matcher.matches()).as("a sample line: " + line).isTrue();
        Map<String, String> labels = new HashMap<>();
        if (matcher.group(2) != null) {
          Matcher label = LABEL.matcher(matcher.group(2));
          while (label.find()) {
            labels.put(label.group(1), label.group(2));
          }
        }
        samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
      }
      return new Scrape(samples);
    }

    /** The value of the one sample with this name and at least these labels ({@code le} compared as a number). */
    Double value(String name, Map<String, String> labels) {
      List<Sample> matching = samples.stream().filter(sample -> sample.name().equals(name))
          .filter(sample -> labels.entrySet().stream().allMatch(label -> matches(sample, label.getKey(), label.getValue())))
          .toList();
      assertThat(matching.size()).as("samples " + name + labels).isLessThanOrEqualTo(1);
      return matching.isEmpty() ? null : matching.get(0).value();
    }

    double increase(Scrape before, String name, Map<String, String> labels) {
      Double now = value(name, labels);
      assertThat(now).as(name + labels + " after the scenario").isNotNull();
      Double then = before.value(name, labels);
      return now - (then == null ? 0 : then);
    }

    private static boolean matches(Sample sample, String label, String expected) {
      String actual = sample.labels().get(label);
      if (actual == null) {
        return false;
      }
      if (label.equals("le")) {
        return !actual.equals("+Inf") && Double.parseDouble(actual) == Double.parseDouble(expected);
      }
      return actual.equals(expected);
    }
  }
}
