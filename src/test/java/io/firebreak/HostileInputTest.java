package io.firebreak;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentLimits;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.integration.ConnectedFirebreakTest;
import io.firebreak.integration.HubSignature;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What monitoring systems, scripts and attackers may send, generated: every endpoint of the API gets valid requests
 * with one field made hostile (too long, NUL characters, odd Unicode, the wrong type, times out of range, numbers of
 * any size), broken bodies and content types, and wrong credentials. No answer is a 5xx, nothing is logged as an
 * error, and a refused request leaves no row behind; what a real source sends is taken and made to fit.
 *
 * <p>Runs on the connected context, where the webhooks are configured (their deliveries are signed here).
 */
class HostileInputTest extends ConnectedFirebreakTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GENERIC_TOKEN = "demo-alerts-token";
  private static final String ALERTMANAGER_TOKEN = "demo-alertmanager-token";
  private static final String PINGDOM_TOKEN = "demo-pingdom-token";
  private static final String OPSGENIE_TOKEN = "demo-opsgenie-token";
  /** Our tables and the engine's runtime: a refused request changes none of them. */
  private static final List<String> TABLES = List.of("alert_tracking", "alert_event", "alert_group", "incident",
      "incident_role", "timeline_entry", "postmortem", "action_item", "ACT_RU_EXECUTION", "ACT_RU_VARIABLE",
      "ACT_HI_PROCINST");

  @Autowired
  JdbcTemplate jdbc;

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Logger root;

  /** One request of the corpus. */
  record Probe(String name, String method, String path, Map<String, String> headers, String contentType, String body) {
  }

  @BeforeEach
  void watchTheLog() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logged.start();
    root.addAppender(logged);
  }

  @AfterEach
  void stopWatching() {
    root.detachAppender(logged);
  }

  @Test
  void noGeneratedHostileRequestMakesA5xxAnErrorInTheLogOrARowWhenRefused() throws IOException {
    List<Probe> corpus = corpus(new Random(20261201L));
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(500);
    Http http = Http.to(port);
    Map<Integer, Integer> statuses = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (Probe probe : corpus) {
      Map<String, Long> before = rows();
      Http.Response answer = send(http, probe);
      statuses.merge(answer.status(), 1, Integer::sum);
      if (answer.status() >= 500) {
        failures.add(probe.name() + " → " + answer.status() + " " + shorten(answer.body()));
        continue;
      }
      if (answer.status() >= 400) {
        if (!isProblemDetail(answer)) {
          failures.add(probe.name() + " → " + answer.status() + " without a JSON message: " + shorten(answer.body()));
        }
        Map<String, Long> after = rows();
        if (!after.equals(before)) {
          failures.add(probe.name() + " → " + answer.status() + " left rows: " + before + " → " + after);
        }
      }
    }
    assertThat(failures).isEmpty();
    List<String> errors = logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
    assertThat(errors).isEmpty();
    // The corpus exercises both sides: what is refused and what is taken.
    assertThat(statuses.keySet()).contains(202, 400, 401, 415);
    assertThat(statuses.entrySet().stream().filter(e -> e.getKey() < 300).mapToInt(Map.Entry::getValue).sum())
        .isGreaterThan(100);
    assertThat(statuses.entrySet().stream().filter(e -> e.getKey() >= 400).mapToInt(Map.Entry::getValue).sum())
        .isGreaterThan(200);
  }

  @Test
  void whatARealSourceSendsIsTakenAndCutToItsColumnsWithTheFullTextInThePayload() throws IOException {
    String run = Long.toString(System.nanoTime());
    String summary = "Media upload error rate above 5% in us1 for the customer-facing API: " + "x".repeat(300);
    String fingerprint = run + "-" + "f".repeat(400);
    ObjectNode payload = (ObjectNode) JSON.readTree(fixture("alertmanager-firing.json", run));
    ObjectNode alert = (ObjectNode) payload.get("alerts").get(0);
    alert.put("fingerprint", fingerprint);
    ((ObjectNode) alert.get("annotations")).put("summary", summary)
        .put("description", "ünïcödé ✓ 🚨 עברית " + "d".repeat(5000) + " with a NUL \u0000 inside");
    ((ObjectNode) alert.get("labels")).put("product", "p".repeat(150)).put("environment", "e\u0000nv".repeat(50));
    payload.set("alerts", JSON.createArrayNode().add(alert));
    Http alertmanager = Http.to(port).bearer(ALERTMANAGER_TOKEN);

    Http.Response answer = triaged(alertmanager.postJson("/api/alerts/alertmanager", payload.toString()));
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    JsonNode outcome = answer.json().get("alerts").get(0);
    assertThat(outcome.get("outcome").asText()).isEqualTo("STARTED");
    assertThat(outcome.get("fingerprint").asText()).as("too long for its column: a stable hash of itself")
        .startsWith("alertmanager:sha256:").hasSizeLessThanOrEqualTo(IncidentLimits.FINGERPRINT);
    Incident incident = incidents.get(outcome.get("incidentKey").asText());
    assertThat(incident.title()).hasSize(IncidentLimits.TITLE).endsWith("…").startsWith("Media upload error rate");
    assertThat(incident.description()).hasSize(IncidentLimits.DESCRIPTION).startsWith("ünïcödé ✓ 🚨 עברית");
    assertThat(incident.product()).hasSize(IncidentLimits.PRODUCT);
    assertThat(incident.environment()).doesNotContain("\u0000").hasSize(IncidentLimits.ENVIRONMENT);
    TimelineEntry received = incidents.timeline(incident.key()).stream()
        .filter(e -> e.type() == io.firebreak.incident.TimelineEntryType.ALERT_RECEIVED).findFirst().orElseThrow();
    assertThat(received.details()).contains(summary).contains(fingerprint).doesNotContain("\u0000");
    // The same long fingerprint again is the same alert.
    Http.Response again = alertmanager.postJson("/api/alerts/alertmanager", payload.toString());
    assertThat(again.json().get("alerts").get(0).get("outcome").asText()).isEqualTo("ATTACHED");
    assertThat(again.json().get("alerts").get(0).get("incidentKey").asText()).isEqualTo(incident.key());
  }

  private static boolean isProblemDetail(Http.Response answer) {
    try {
      return answer.json().hasNonNull("detail");
    } catch (AssertionError notJson) {
      return false;
    }
  }

  private Http.Response send(Http http, Probe probe) {
    Http client = http;
    for (Map.Entry<String, String> header : probe.headers().entrySet()) {
      client = client.header(header.getKey(), header.getValue());
    }
    if (probe.method().equals("GET")) {
      return client.get(probe.path());
    }
    return probe.contentType() == null ? client.postWithoutContentType(probe.path(), probe.body())
        : client.post(probe.path(), probe.contentType(), probe.body());
  }

  private Map<String, Long> rows() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
    }
    return counts;
  }

  // ---- the corpus ----

  private List<Probe> corpus(Random random) throws IOException {
    List<Probe> corpus = new ArrayList<>();
    String run = Long.toString(System.nanoTime() % 1_000_000_000L);
    Map<String, String> generic = Map.of("Authorization", "Bearer " + GENERIC_TOKEN);
    Map<String, String> alertmanager = Map.of("Authorization", "Bearer " + ALERTMANAGER_TOKEN);
    Map<String, String> opsgenie = Map.of("X-Firebreak-Token", OPSGENIE_TOKEN);
    Map<String, String> responder = basic("ivan");

    // Alert endpoints: a valid payload with one field made hostile.
    for (int i = 0; i < 70; i++) {
      ObjectNode alert = JSON.createObjectNode().put("source", "alarm-tool").put("fingerprint", run + "-g" + i)
          .put("title", "Cooling failure rack " + i).put("severity", pick(random, "critical", "warning", "info"));
      alert.putObject("labels").put("rack", "r" + i);
      mutate(random, alert, List.of("source", "fingerprint", "title", "severity", "description", "environment",
          "product", "url", "status", "startedAt", "endedAt", "group", "labels"));
      corpus.add(new Probe("generic " + i, "POST", "/api/alerts", generic, "application/json", alert.toString()));
    }
    for (int i = 0; i < 60; i++) {
      ObjectNode payload = (ObjectNode) JSON.readTree(fixture("alertmanager-firing.json", run + "-am" + i));
      ObjectNode alert = (ObjectNode) payload.get("alerts").get(random.nextInt(3));
      if (random.nextBoolean()) {
        mutate(random, alert, List.of("fingerprint", "status", "startsAt", "endsAt", "generatorURL", "labels",
            "annotations"));
      } else {
        mutate(random, (ObjectNode) alert.get(random.nextBoolean() ? "labels" : "annotations"),
            List.of("summary", "description", "severity", "environment", "service", "alertname"));
      }
      if (random.nextInt(5) == 0) {
        mutate(random, payload, List.of("version", "alerts", "commonLabels", "groupKey", "externalURL"));
      }
      corpus.add(new Probe("alertmanager " + i, "POST", "/api/alerts/alertmanager", alertmanager, "application/json",
          payload.toString()));
    }
    for (int i = 0; i < 40; i++) {
      ObjectNode payload = (ObjectNode) JSON.readTree(fixture("pingdom-down.json", run + "0" + i));
      mutate(random, payload, List.of("check_id", "check_name", "current_state", "state_changed_timestamp",
          "importance_level", "long_description", "tags", "check_params"));
      if (random.nextInt(3) == 0) {
        payload.put("state_changed_timestamp", pick(random, "1e18", "-1", "NaN", "99999999999999999999", "1.5"));
      }
      corpus.add(new Probe("pingdom " + i, "POST", "/api/alerts/pingdom?token=" + PINGDOM_TOKEN, Map.of(),
          "application/json", payload.toString().replace("\"1e18\"", "1e18").replace("\"-1\"", "-1")
          .replace("\"99999999999999999999\"", "99999999999999999999").replace("\"1.5\"", "1.5")));
    }
    for (int i = 0; i < 40; i++) {
      ObjectNode payload = (ObjectNode) JSON.readTree(fixture("opsgenie-create.json", run + "-o" + i));
      mutate(random, (ObjectNode) payload.get("alert"), List.of("alias", "message", "description", "priority",
          "entity", "details", "alertId"));
      if (random.nextInt(4) == 0) {
        mutate(random, payload, List.of("action", "alert"));
      }
      corpus.add(new Probe("opsgenie " + i, "POST", "/api/alerts/opsgenie", opsgenie, "application/json",
          payload.toString()));
    }
    // Broken bodies, content types and credentials on every alert endpoint.
    List<String[]> endpoints = List.of(new String[] {"/api/alerts", "Bearer " + GENERIC_TOKEN},
        new String[] {"/api/alerts/alertmanager", "Bearer " + ALERTMANAGER_TOKEN},
        new String[] {"/api/alerts/pingdom?token=" + PINGDOM_TOKEN, null},
        new String[] {"/api/alerts/opsgenie", null});
    List<String> contentTypes = List.of("garbage", "application/json; charset=ebcdic", "text/plain",
        "application/json;charset=utf-16", "application/xml", ";;;", "application/json; charset=\"utf-8\"");
    List<String> bodies = List.of("", "{", "[]", "null", "42", "\"text\"", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000)
        + "}", "{\"version\":\"4\",\"alerts\":{}}", "\u0000", "{\"source\":1e999999}", "\uFEFF{}", "{\"x\":\"\\ud800\"}");
    for (String[] endpoint : endpoints) {
      Map<String, String> headers = new LinkedHashMap<>();
      if (endpoint[1] != null) {
        headers.put("Authorization", endpoint[1]);
      } else if (endpoint[0].endsWith("opsgenie")) {
        headers.put("X-Firebreak-Token", OPSGENIE_TOKEN);
      }
      for (String contentType : contentTypes) {
        corpus.add(new Probe("content type " + contentType + " " + endpoint[0], "POST", endpoint[0], headers,
            contentType, "{\"source\":\"x\",\"title\":\"t\"}"));
      }
      corpus.add(new Probe("no content type " + endpoint[0], "POST", endpoint[0], headers, null, "{}"));
      for (String body : bodies) {
        corpus.add(new Probe("body " + shorten(body) + " " + endpoint[0], "POST", endpoint[0], headers,
            "application/json", body));
      }
      for (String auth : List.of("Bearer wrong", "Basic aXZhbjppdmFu", "Bearer ", "bearer " + GENERIC_TOKEN + "x")) {
        corpus.add(new Probe("credentials " + auth + " " + endpoint[0], "POST",
            endpoint[0].replace("token=" + PINGDOM_TOKEN, "token=wrong"), endpoint[0].endsWith("opsgenie")
            ? Map.of("X-Firebreak-Token", "wrong") : Map.of("Authorization", auth), "application/json", "{}"));
      }
    }
    // Declaring an incident: one hostile field at a time.
    for (int i = 0; i < 50; i++) {
      ObjectNode declaration = JSON.createObjectNode().put("title", "Checkout fails " + i).put("severity", "SEV3")
          .put("impact", "minor").put("customerFacing", true).put("product", "Shop").put("environment", "prod")
          .put("description", "Card payments fail");
      mutate(random, declaration, List.of("title", "severity", "impact", "customerFacing", "product", "environment",
          "description"));
      corpus.add(new Probe("declare " + i, "POST", "/api/incidents", responder, "application/json",
          declaration.toString()));
    }
    // Reading: query parameters and keys of every shape.
    List<String> values = List.of("", "a%00b", "%00", "SEV1", "OPEN", "open", "-1", "0", "1001", "99999999999999999999",
        "%F0%9F%9A%A8", "%E2%80%AE", "%27%20OR%201%3D1", "x".repeat(300), "%C3%28", "1e5", "INC-0",
        "INC-99999999999999999999", "inc-1", "..%2F..%2Fetc%2Fpasswd");
    for (String value : values) {
      corpus.add(new Probe("incidents stage " + shorten(value), "GET", "/api/incidents?stage=" + value, responder,
          null, null));
      corpus.add(new Probe("incidents limit " + shorten(value), "GET", "/api/incidents?limit=" + value, responder,
          null, null));
      corpus.add(new Probe("incident " + shorten(value), "GET", "/api/incidents/" + value, responder, null, null));
      corpus.add(new Probe("incident alerts " + shorten(value), "GET", "/api/incidents/" + value + "/alerts", responder,
          null, null));
      corpus.add(new Probe("postmortems q " + shorten(value), "GET", "/api/postmortems?q=" + value, responder, null,
          null));
      corpus.add(new Probe("postmortems limit " + shorten(value), "GET", "/api/postmortems?limit=" + value, responder,
          null, null));
      corpus.add(new Probe("postmortem " + shorten(value), "GET", "/api/postmortems/" + value, responder, null, null));
      corpus.add(new Probe("split " + shorten(value), "POST", "/api/incidents/" + value + "/alerts/split", responder,
          "application/json", "{\"fingerprint\":\"" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "\"}"));
    }
    // Webhooks, signed with their secrets: every hostile field of a delivery.
    for (int i = 0; i < 30; i++) {
      ObjectNode jira = JSON.createObjectNode().put("webhookEvent", "jira:issue_updated");
      jira.putObject("issue").put("key", "OPS-" + i).putObject("fields").putObject("status")
          .putObject("statusCategory").put("key", "done");
      jira.putObject("user").put("displayName", "Dora");
      mutate(random, random.nextBoolean() ? jira : (ObjectNode) jira.get("issue"), List.of("webhookEvent", "key",
          "issue", "user", "fields"));
      String body = jira.toString();
      corpus.add(new Probe("jira " + i, "POST", "/api/webhooks/jira",
          Map.of("X-Hub-Signature", HubSignature.sign(JIRA_SECRET, body.getBytes(StandardCharsets.UTF_8))),
          "application/json", body));
      ObjectNode github = (ObjectNode) JSON.readTree(pullRequestClosed(random.nextBoolean()));
      mutate(random, random.nextBoolean() ? github : (ObjectNode) github.get("pull_request"), List.of("action",
          "number", "merged", "repository", "user", "merged_by", "html_url"));
      String pr = github.toString();
      corpus.add(new Probe("github " + i, "POST", "/api/webhooks/github", Map.of("X-GitHub-Event", "pull_request",
          "X-Hub-Signature-256", HubSignature.sign(GITHUB_SECRET, pr.getBytes(StandardCharsets.UTF_8))),
          "application/json", pr));
      corpus.add(new Probe("github forged " + i, "POST", "/api/webhooks/github", Map.of("X-GitHub-Event",
          "pull_request", "X-Hub-Signature-256", "sha256=" + "0".repeat(64)), "application/json", pr));
    }
    // Slack, signed with its signing secret: hostile slash commands and interactions from a Slack user Slack's fake
    // does not know (so no probe's work changes rows while another probe counts them).
    for (int i = 0; i < 20; i++) {
      ObjectNode command = JSON.createObjectNode().put("team_id", "T0001").put("channel_id", "C0HOSTILE")
          .put("user_id", "UHOSTILE").put("command", "/incident").put("text", pick(random, "", "note x", "severity SEV1",
              "role cm <@UHOSTILE|h>")).put("trigger_id", "1.2.3");
      mutate(random, command, List.of("team_id", "channel_id", "user_id", "text", "trigger_id"));
      StringBuilder form = new StringBuilder();
      command.fields().forEachRemaining(field -> form.append(form.isEmpty() ? "" : "&").append(field.getKey())
          .append('=').append(URLEncoder.encode(field.getValue().isTextual() ? field.getValue().asText()
              : field.getValue().toString(), StandardCharsets.UTF_8)));
      corpus.add(slack("slack command " + i, "/api/slack/commands", form.toString()));
      ObjectNode interaction = (ObjectNode) JSON.readTree("""
          {"type": "%s", "user": {"id": "UHOSTILE"}, "channel": {"id": "C0HOSTILE"}, "trigger_id": "1.2.3",
           "callback_id": "add_to_timeline", "message": {"text": "x"},
           "actions": [{"action_id": "take_incident_manager_role", "value": "INC-1", "type": "button"}],
           "view": {"callback_id": "declare_incident", "private_metadata": "C0HOSTILE", "state": {"values": {}}}}
          """.formatted(pick(random, "block_actions", "view_submission", "shortcut", "message_action")));
      mutate(random, random.nextBoolean() ? interaction : (ObjectNode) interaction.get("user"), List.of("type", "user",
          "actions", "view", "trigger_id", "id", "message"));
      corpus.add(slack("slack interaction " + i, "/api/slack/interactions",
          "payload=" + URLEncoder.encode(interaction.toString(), StandardCharsets.UTF_8)));
      corpus.add(new Probe("slack forged " + i, "POST", "/api/slack/commands", Map.of("X-Slack-Request-Timestamp",
          "1531420618", "X-Slack-Signature", "v0=" + "0".repeat(64)), "application/x-www-form-urlencoded", "text=x"));
    }
    return corpus;
  }

  private static Probe slack(String name, String path, String body) {
    String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
    return new Probe(name, "POST", path, Map.of("X-Slack-Request-Timestamp", timestamp,
        "X-Slack-Signature", slackSignature(SLACK_SIGNING_SECRET, timestamp, body)),
        "application/x-www-form-urlencoded", body);
  }

  /** One of the fields gets a hostile value (or is removed, or gets the wrong type). */
  private static void mutate(Random random, ObjectNode node, List<String> fields) {
    String field = fields.get(random.nextInt(fields.size()));
    List<Function<Random, Object>> values = List.of(
        r -> "x".repeat(pick(r, 41, 201, 301, 4001, 10_000, 200_000)),
        r -> "a\u0000b",
        r -> "\u0000",
        r -> "🚨".repeat(pick(r, 1, 150, 3000)),
        r -> "\u202Eevil\u202C <script>alert(1)</script> ' OR 1=1 --",
        r -> "\ud800",
        r -> "   ",
        r -> "",
        r -> "9999-99-99T99:99:99Z",
        r -> "+1000000-01-01T00:00:00Z",
        r -> "0001-01-01T00:00:00Z",
        r -> "1970-01-01T00:00:00Z",
        r -> "\\n\\r\\t",
        r -> 1e308,
        r -> -1,
        r -> Long.MAX_VALUE,
        r -> true,
        r -> null,
        r -> JSON.createArrayNode().add("x").add(1),
        r -> JSON.createObjectNode().put("nested", "x".repeat(5000)).put("nul", "\u0000"),
        r -> "__remove__");
    Object value = values.get(random.nextInt(values.size())).apply(random);
    if ("__remove__".equals(value)) {
      node.remove(field);
    } else if (value == null) {
      node.putNull(field);
    } else if (value instanceof String text) {
      node.put(field, text);
    } else if (value instanceof Double number) {
      node.put(field, number);
    } else if (value instanceof Integer number) {
      node.put(field, number);
    } else if (value instanceof Long number) {
      node.put(field, number);
    } else if (value instanceof Boolean flag) {
      node.put(field, flag);
    } else {
      node.set(field, (JsonNode) value);
    }
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static Map<String, String> basic(String user) {
    return Map.of("Authorization", "Basic " + java.util.Base64.getEncoder()
        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }

  private static String fixture(String name, String run) throws IOException {
    return new ClassPathResource("alerts/" + name).getContentAsString(StandardCharsets.UTF_8).replace("${run}", run);
  }
}
