package io.firebreak.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.incident.Incident;
import io.firebreak.FirebreakApplication;
import io.firebreak.FirebreakTest;
import io.firebreak.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** Exactly one incident per problem: concurrent requests, two Firebreak nodes on one database, an alert storm. */
class AlertConcurrencyTest extends FirebreakTest {

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  Environment environment;

  @Autowired
  AlertRepeats repeats;

  static String body(String fingerprint) {
    return "{\"source\":\"storm\",\"fingerprint\":\"" + fingerprint + "\",\"title\":\"Checkout down\",\"severity\":\"critical\"}";
  }

  /** Sends every request at once from {@code threads} threads and returns the answers. */
  static List<JsonNode> sendAll(List<Callable<Http.Response>> requests, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Http.Response>> futures = new ArrayList<>();
    for (Callable<Http.Response> request : requests) {
      futures.add(pool.submit(() -> {
        go.await();
        return request.call();
      }));
    }
    go.countDown();
    List<JsonNode> answers = new ArrayList<>();
    for (Future<Http.Response> future : futures) {
      Http.Response response = future.get(120, TimeUnit.SECONDS);
      assertThat(response.status()).as(response.body()).isEqualTo(202);
      answers.add(response.json().get("alerts").get(0));
    }
    pool.shutdown();
    return answers;
  }

  static Map<String, Long> outcomes(List<JsonNode> answers) {
    return answers.stream().collect(Collectors.groupingBy(a -> a.get("outcome").asText(), Collectors.counting()));
  }

  /** The job executor takes the alerts that started a process (their first jobs), as it does after the answers. */
  void triageStarted(List<JsonNode> answers) {
    answers.stream().filter(a -> "STARTED".equals(a.get("outcome").asText()))
        .forEach(a -> triageAlert(a.get("processInstanceId").asText()));
  }

  long incidentsFor(String fingerprint) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM incident WHERE alert_fingerprint = ?", Long.class, fingerprint);
  }

  @Test
  void fiftyConcurrentIdenticalAlertsOpenExactlyOneIncident() throws Exception {
    String fingerprint = "same-" + ThreadLocalRandom.current().nextLong(1L << 40);
    Http source = Http.to(port).bearer(AlertIntakeApiTest.GENERIC_TOKEN);
    List<Callable<Http.Response>> requests = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      requests.add(() -> source.postJson("/api/alerts", body(fingerprint)));
    }
    List<JsonNode> answers = sendAll(requests, 16);
    assertThat(outcomes(answers)).containsEntry("STARTED", 1L).containsEntry("ATTACHED", 49L);
    assertThat(answers.stream().map(a -> a.get("incidentKey").asText()).distinct()).hasSize(1);
    triageStarted(answers);
    assertThat(incidentsFor("storm:" + fingerprint)).isEqualTo(1);
    // The repeats were logged side by side, the quick ones without a lock; counted, each is there once.
    repeats.count();
    assertThat(incidents.findByProcessInstance(answers.get(0).get("processInstanceId").asText()).orElseThrow()
        .alertOccurrences()).isEqualTo(50);
  }

  @Test
  void twoFirebreakNodesOnOneDatabaseOpenExactlyOneIncident() throws Exception {
    String fingerprint = "nodes-" + ThreadLocalRandom.current().nextLong(1L << 40);
    // A second node: its own application context, engine and web server, on the same database. In one JVM its
    // engine needs a name of its own: Camunda keeps a JVM-wide registry of engines by name.
    try (ConfigurableApplicationContext secondNode = new SpringApplicationBuilder(FirebreakApplication.class)
        .properties("spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
            "spring.jmx.enabled=false", "camunda.bpm.process-engine-name=second-node")
        // arguments, not default properties: application.yaml's server.port (8080) outranks those, and so would the
        // tests' repeat-count-interval. This node counts repeats on its schedule, as a production node does.
        .run("--server.port=0", "--firebreak.alerts.repeat-count-interval=100ms")) {
      int secondPort = secondNode.getEnvironment().getProperty("local.server.port", Integer.class);
      assertThat(secondPort).isNotEqualTo(port);
      Http first = Http.to(port).bearer(AlertIntakeApiTest.GENERIC_TOKEN);
      Http second = Http.to(secondPort).bearer(AlertIntakeApiTest.GENERIC_TOKEN);
      List<Callable<Http.Response>> requests = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        requests.add(() -> first.postJson("/api/alerts", body(fingerprint)));
        requests.add(() -> second.postJson("/api/alerts", body(fingerprint)));
      }
      List<JsonNode> answers = sendAll(requests, 20);
      assertThat(outcomes(answers)).containsEntry("STARTED", 1L).containsEntry("ATTACHED", 19L);
      triageStarted(answers);
      // Repeats that waited for the first alert's lock were counted the long way; these come once the incident is
      // open, take the quick way on either node and are counted by the second node's schedule.
      for (int i = 0; i < 5; i++) {
        assertThat((i % 2 == 0 ? first : second).postJson("/api/alerts", body(fingerprint)).json().get("alerts").get(0)
            .get("outcome").asText()).isEqualTo("ATTACHED");
      }
      String processInstanceId = answers.get(0).get("processInstanceId").asText();
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
      while (incidents.findByProcessInstance(processInstanceId).orElseThrow().alertOccurrences() < 25
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(incidents.findByProcessInstance(processInstanceId).orElseThrow().alertOccurrences())
          .as("the repeats of both nodes, counted by the second node's schedule; the fingerprint's events: %s",
              jdbc.queryForList("SELECT id, outcome, counted, received_at FROM alert_event WHERE fingerprint = ?",
                  "storm:" + fingerprint))
          .isEqualTo(25);
    } finally {
      // Closing the second node clears that registry; this JVM's first node registers its engine again.
      if (org.camunda.bpm.engine.ProcessEngines.getProcessEngine(engine.getName()) == null) {
        org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(engine);
      }
    }
    assertThat(incidentsFor("storm:" + fingerprint)).isEqualTo(1);
    assertThat(Http.to(port).as("frida").get("/engine-rest/engine").status()).as("this node's engine REST").isEqualTo(200);
  }

  @Test
  void anAlertStormOfAThousandAlertsOverTenFingerprintsOpensTenIncidentsAndDropsNothing() throws Exception {
    String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40));
    Http source = Http.to(port).bearer(AlertIntakeApiTest.GENERIC_TOKEN);
    List<Callable<Http.Response>> requests = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String fingerprint = "storm-" + run + "-" + (i % 10);
      requests.add(() -> source.postJson("/api/alerts", body(fingerprint)));
    }
    List<JsonNode> answers = sendAll(requests, 8);
    assertThat(outcomes(answers)).containsEntry("STARTED", 10L).containsEntry("ATTACHED", 990L).hasSize(2);
    Map<String, Long> perFingerprint = answers.stream()
        .collect(Collectors.groupingBy(a -> a.get("fingerprint").asText(), Collectors.counting()));
    assertThat(perFingerprint).hasSize(10).allSatisfy((fingerprint, count) -> assertThat(count).isEqualTo(100));
    triageStarted(answers);
    for (int i = 0; i < 10; i++) {
      String fingerprint = "storm:storm-" + run + "-" + i;
      assertThat(incidentsFor(fingerprint)).isEqualTo(1);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert_event WHERE fingerprint = ?", Long.class, fingerprint))
          .as("every alert recorded").isEqualTo(100);
    }
    assertThat(answers.stream().map(a -> a.get("incidentKey").asText()).distinct().count()).isEqualTo(10);
    repeats.count();
    for (int i = 0; i < 10; i++) {
      String fingerprint = "storm:storm-" + run + "-" + i;
      Incident incident = incidents.get(jdbc.queryForObject("SELECT incident_key FROM incident WHERE alert_fingerprint = ?",
          String.class, fingerprint));
      assertThat(incident.alertOccurrences()).as(fingerprint).isEqualTo(100);
      assertThat(jdbc.queryForObject("SELECT occurrences FROM alert_tracking WHERE fingerprint = ?", Long.class,
          fingerprint)).isEqualTo(100);
    }
  }
}
