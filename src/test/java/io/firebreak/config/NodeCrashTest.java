package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kill -9 in the middle of an alert storm. Two nodes share one PostgreSQL database; the storm (distinct fingerprints,
 * each sent three times, from a few client threads) goes to one of them, which is killed by SIGKILL halfway and
 * restarted. Every alert answered 202 has exactly one incident and its event; re-sending the whole storm starts
 * incidents only for the fingerprints never recorded; and the jobs the dead node had locked run again within 60 s.
 * PostgreSQL only.
 */
class NodeCrashTest {

  private static final Logger log = LoggerFactory.getLogger(NodeCrashTest.class);
  private static final int FINGERPRINTS = 100;
  private static final int REPEATS = 3;
  private static final int KILL_AFTER = 150;
  private static final Duration JOBS_RESUME_WITHIN = Duration.ofSeconds(60);

  private static String alert(String fingerprint) {
    return "{\"source\":\"crash\",\"fingerprint\":\"" + fingerprint + "\",\"title\":\"Checkout down (" + fingerprint
        + ")\",\"severity\":\"critical\"}";
  }

  private static List<String> storm() {
    List<String> alerts = new ArrayList<>();
    for (int repeat = 0; repeat < REPEATS; repeat++) {
      for (int i = 0; i < FINGERPRINTS; i++) {
        alerts.add("fp-" + i);
      }
    }
    Collections.shuffle(alerts, new Random(12));
    return alerts;
  }

  @Test
  void aNodeKilledMidStormLosesNothingDuplicatesNothingAndItsJobsRunAgainWithinAMinute() throws Exception {
    Postgres postgres = Postgres.orSkip("The node crash test");
    String database = postgres.freshDatabase("crash");
    String url = postgres.url(database);
    try (FirebreakNode survivor = new FirebreakNode("survivor", url);
         FirebreakNode victim = new FirebreakNode("victim", url);
         FirebreakNode restarted = new FirebreakNode("victim-restarted", url);
         Connection db = postgres.connect(database)) {
      survivor.start();
      victim.start();
      survivor.awaitReady();
      victim.awaitReady();

      // The storm, until the node is killed: which fingerprints it acknowledged, and how often.
      Map<String, List<JsonNode>> acknowledged = new ConcurrentHashMap<>();
      AtomicInteger answered = new AtomicInteger();
      ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(storm());
      Http source = victim.http().bearer("demo-alerts-token");
      ExecutorService clients = Executors.newFixedThreadPool(4);
      for (int c = 0; c < 4; c++) {
        clients.submit(() -> {
          for (String fingerprint; (fingerprint = queue.poll()) != null; ) {
            try {
              Http.Response response = source.postJson("/api/alerts", alert(fingerprint));
              if (response.status() == 202) {
                acknowledged.computeIfAbsent(fingerprint, f -> Collections.synchronizedList(new ArrayList<>()))
                    .add(response.json().at("/alerts/0"));
                answered.incrementAndGet();
              }
            } catch (IllegalStateException connectionLost) {
              // the node is gone: this alert was never acknowledged
            }
          }
        });
      }
      while (answered.get() < KILL_AFTER) {
        assertThat(queue).as("the storm ended before the kill").isNotEmpty();
        Thread.sleep(20);
      }
      victim.kill();
      Instant killedAt = Instant.now();
      Set<String> lockedByTheDead = strings(db, "SELECT ID_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ = 'victim'");
      restarted.start();
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      int acknowledgedAlerts = acknowledged.values().stream().mapToInt(List::size).sum();
      log.info("killed after {} acknowledged alerts over {} fingerprints; {} jobs locked by the dead node",
          acknowledgedAlerts, acknowledged.size(), lockedByTheDead.size());
      assertThat(lockedByTheDead).as("jobs the dead node had locked").isNotEmpty();

      // Its jobs run again (on the survivor, or on the restarted node) within 60 s of the kill.
      Set<String> ran = Set.of();
      while (Duration.between(killedAt, Instant.now()).compareTo(JOBS_RESUME_WITHIN) < 0) {
        ran = ranSuccessfully(db, lockedByTheDead);
        if (ran.size() == lockedByTheDead.size()) {
          break;
        }
        Thread.sleep(500);
      }
      Duration resumed = Duration.between(killedAt, Instant.now());
      log.info("the dead node's {} jobs ran again {} s after the kill", ran.size(), resumed.toSeconds());
      assertThat(ran).as("the dead node's jobs that ran again within " + JOBS_RESUME_WITHIN)
          .containsExactlyInAnyOrderElementsOf(lockedByTheDead);
      assertThat(strings(db, "SELECT ID_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ = 'victim'")).as("locks left by the dead")
          .doesNotContainAnyElementsOf(lockedByTheDead);

      // Every acknowledged alert: exactly one incident for its fingerprint, the one it was answered with, and its event
      // (recorded by the alert's first job, which the nodes' job executors run after the answer).
      awaitAlertsTriaged(db);
      Map<String, String> incidentBefore = incidentKeys(db);
      for (Map.Entry<String, List<JsonNode>> entry : acknowledged.entrySet()) {
        String fingerprint = "crash:" + entry.getKey();
        assertThat(count(db, "SELECT COUNT(*) FROM incident WHERE alert_fingerprint = ?", fingerprint))
            .as("incidents of " + fingerprint).isEqualTo(1);
        for (JsonNode answer : entry.getValue()) {
          assertThat(answer.path("incidentKey").asText()).as(fingerprint).isEqualTo(incidentBefore.get(fingerprint));
        }
        assertThat(count(db, "SELECT COUNT(*) FROM alert_event WHERE fingerprint = ?", fingerprint))
            .as("events of " + fingerprint).isGreaterThanOrEqualTo(entry.getValue().size());
      }
      assertThat(acknowledged.values().stream().flatMap(List::stream)
          .filter(a -> a.path("outcome").asText().equals("STARTED")).count())
          .as("STARTED answers: one per acknowledged fingerprint").isEqualTo(acknowledged.size());

      // The source sends everything again: only fingerprints never recorded start an incident.
      restarted.awaitReady();
      Http again = restarted.http().bearer("demo-alerts-token");
      Map<String, Set<String>> outcomes = new HashMap<>();
      for (String fingerprint : storm()) {
        Http.Response response = again.postJson("/api/alerts", alert(fingerprint));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        outcomes.computeIfAbsent(response.json().at("/alerts/0/outcome").asText(), o -> new HashSet<>()).add(fingerprint);
      }
      Set<String> neverRecorded = new HashSet<>();
      for (int i = 0; i < FINGERPRINTS; i++) {
        if (!incidentBefore.containsKey("crash:fp-" + i)) {
          neverRecorded.add("fp-" + i);
        }
      }
      log.info("re-sent the storm: {}", outcomes.entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size())));
      assertThat(outcomes.getOrDefault("STARTED", Set.of())).as("started by the re-send")
          .containsExactlyInAnyOrderElementsOf(neverRecorded)
          .doesNotContainAnyElementsOf(acknowledged.keySet());
      awaitAlertsTriaged(db);
      for (int i = 0; i < FINGERPRINTS; i++) {
        assertThat(count(db, "SELECT COUNT(*) FROM incident WHERE alert_fingerprint = ?", "crash:fp-" + i))
            .as("incidents of crash:fp-" + i + " after the re-send").isEqualTo(1);
      }
    }
  }

  /** Waits (up to a minute) until the job executors have run the first job of every process an alert started. */
  private static void awaitAlertsTriaged(Connection db) throws Exception {
    String untriaged = "SELECT j.ID_ FROM ACT_RU_JOB j JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_ "
        + "WHERE d.ACT_ID_ = 'StartEvent_AlertReceived'";
    Instant until = Instant.now().plus(JOBS_RESUME_WITHIN);
    while (!strings(db, untriaged).isEmpty() && Instant.now().isBefore(until)) {
      Thread.sleep(200);
    }
    assertThat(strings(db, untriaged)).as("alerts whose first job has not run after " + JOBS_RESUME_WITHIN).isEmpty();
  }

  private static Set<String> ranSuccessfully(Connection db, Set<String> jobs) throws SQLException {
    // Camunda's job log: state 2 is "successful".
    Set<String> ran = strings(db, "SELECT DISTINCT JOB_ID_ FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2");
    ran.retainAll(jobs);
    return ran;
  }

  private static Map<String, String> incidentKeys(Connection db) throws SQLException {
    Map<String, String> keys = new HashMap<>();
    try (PreparedStatement statement = db.prepareStatement(
        "SELECT alert_fingerprint, incident_key FROM incident WHERE alert_fingerprint LIKE 'crash:%'");
         ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        keys.put(rows.getString(1), rows.getString(2));
      }
    }
    return keys;
  }

  private static Set<String> strings(Connection db, String sql) throws SQLException {
    Set<String> values = new HashSet<>();
    try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static long count(Connection db, String sql, String parameter) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
