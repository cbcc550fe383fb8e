package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.FirebreakApplication;
import io.firebreak.Http;
import io.firebreak.integration.HubSignature;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database goes away under a running Firebreak and comes back. Firebreak reaches the real PostgreSQL through a
 * TCP proxy this test stops (listener and every connection closed) and starts again on the same port. While it is
 * down every endpoint answers 503 with Retry-After within 5 s and readiness is DOWN; once it is back the same
 * requests succeed, without a restart. Then the proxy stalls (holds back every byte) for a minute: no request is held
 * that long, each ends in a 503 within 30 s (the driver's socket timeout). PostgreSQL only.
 */
class DatabaseOutageTest {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DatabaseOutageTest.class);

  private static final String GITHUB_SECRET = "outage-webhook-secret";
  private static final String ENGINE = "outage";
  private static final Duration WITHIN = Duration.ofSeconds(5);
  /** How long the database stalls, and the bound on a request meanwhile: the socket timeout (20 s) and some. */
  private static final Duration STALL = Duration.ofSeconds(60);
  private static final Duration STALL_ANSWER_WITHIN = Duration.ofSeconds(30);

  /** One request of the sample, and the answer it gets while the database is up. */
  private record Probe(String name, int healthy, Function<Http, Http.Response> send) {
  }

  private static List<Probe> sample() {
    byte[] ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
    List<Probe> probes = new ArrayList<>();
    probes.add(new Probe("POST /api/alerts", 202, http -> http.bearer("demo-alerts-token").postJson("/api/alerts",
        "{\"source\":\"outage\",\"fingerprint\":\"db-outage\",\"title\":\"Checkout down\",\"severity\":\"warning\"}")));
    probes.add(new Probe("POST /api/alerts/alertmanager", 202, http -> http.bearer("demo-alertmanager-token")
        .postJson("/api/alerts/alertmanager", alertmanager())));
    probes.add(new Probe("GET /api/incidents", 200, http -> http.as("frida").get("/api/incidents")));
    probes.add(new Probe("GET /api/postmortems", 200, http -> http.as("frida").get("/api/postmortems")));
    // /engine-rest/task of this node's engine: in this JVM it has a name of its own (Camunda's engine registry).
    probes.add(new Probe("GET /engine-rest/task", 200, http -> http.as("frida").get("/engine-rest/engine/" + ENGINE + "/task")));
    probes.add(new Probe("POST /api/webhooks/github", 200, http -> http.header("X-GitHub-Event", "ping")
        .header("X-Hub-Signature-256", HubSignature.sign(GITHUB_SECRET, ping))
        .postJson("/api/webhooks/github", new String(ping, StandardCharsets.UTF_8))));
    return probes;
  }

  /** Logs in to Tasklist as the browser does: its XSRF cookie from the app's page, then the login form. */
  private static Http tasklistSession(Http http, String user) {
    Http.Response page = http.get("/camunda/app/tasklist/" + ENGINE + "/");
    Map<String, String> cookies = new LinkedHashMap<>();
    page.headers().allValues("set-cookie").forEach(cookie -> remember(cookies, cookie));
    Http.Response login = http.header("Cookie", cookieHeader(cookies))
        .header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
        .post("/camunda/api/admin/auth/user/" + ENGINE + "/login/tasklist", "application/x-www-form-urlencoded",
            "username=" + user + "&password=" + user);
    assertThat(login.status()).as("Tasklist login: " + login.body()).isEqualTo(200);
    login.headers().allValues("set-cookie").forEach(cookie -> remember(cookies, cookie));
    return http.header("Cookie", cookieHeader(cookies)).header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""));
  }

  private static void remember(Map<String, String> cookies, String setCookie) {
    String pair = setCookie.split(";")[0].trim();
    int equals = pair.indexOf('=');
    if (equals > 0) {
      cookies.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
  }

  private static String cookieHeader(Map<String, String> cookies) {
    return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(java.util.stream.Collectors.joining("; "));
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String alertmanager() {
    return """
        {"version":"4","groupKey":"{}:{alertname=\\"OutageProbe\\"}","status":"firing","receiver":"firebreak",
         "alerts":[{"status":"firing","fingerprint":"0utage0000000001","labels":{"alertname":"OutageProbe",
         "severity":"warning"},"annotations":{"summary":"Outage probe"},"startsAt":"2026-01-01T00:00:00Z"}]}""";
  }

  @Test
  void everyEndpointAnswers503WhileTheDatabaseIsDownOrStalledAndRecoversWhenItIsBack() throws Exception {
    Postgres postgres = Postgres.orSkip("The database outage test");
    String database = postgres.freshDatabase("outage");
    Map<String, ProcessEngine> enginesBefore = new LinkedHashMap<>(ProcessEngines.getProcessEngines());
    try (TcpProxy proxy = new TcpProxy(postgres.host, postgres.port).start();
         ConfigurableApplicationContext node = new SpringApplicationBuilder(FirebreakApplication.class).run(
             "--server.port=0", "--spring.jmx.enabled=false", "--camunda.bpm.process-engine-name=" + ENGINE,
             "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database,
             "--firebreak.github.webhook-secret=" + GITHUB_SECRET,
             // The job executor runs here, so the test sees it work again after the outage.
             "--camunda.bpm.job-execution.enabled=true")) {
      Http http = Http.to(node.getEnvironment().getProperty("local.server.port", Integer.class));
      List<Probe> probes = new ArrayList<>(sample());
      // Tasklist's own REST API, with a Tasklist session: the webapps answer an unreachable database themselves.
      Http tasklist = tasklistSession(http, "frida");
      probes.add(new Probe("GET /camunda/api/engine/…/task/count (Tasklist)", 200,
          ignored -> tasklist.get("/camunda/api/engine/engine/" + ENGINE + "/task/count")));
      for (Probe probe : probes) {
        Http.Response answer = probe.send().apply(http);
        assertThat(answer.status()).as(probe.name() + " before the outage: " + answer.body()).isEqualTo(probe.healthy());
      }
      assertThat(http.get("/actuator/health/readiness").status()).as("ready before the outage").isEqualTo(200);

      // Every statement has a deadline: PostgreSQL cancels what runs longer than 15 s (SQL state 57014).
      long sleeping = System.nanoTime();
      assertThatThrownBy(() -> node.getBean(JdbcTemplate.class).execute("SELECT pg_sleep(30)"))
          .as("a statement running for 30 s").hasRootCauseInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) rootCause(e)).getSQLState()).isEqualTo("57014"));
      assertThat(Duration.ofNanos(System.nanoTime() - sleeping)).as("cancelled by the statement timeout")
          .isLessThan(Duration.ofSeconds(20));

      proxy.stop();
      for (Probe probe : probes) {
        long started = System.nanoTime();
        Http.Response answer = probe.send().apply(http);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(answer.status()).as(probe.name() + " during the outage: " + answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).as(probe.name() + " Retry-After").isNotBlank();
        // Firebreak's API answers problem details (RFC 9457); the engine's REST API and the webapps keep Camunda's format.
        boolean ours = probe.name().contains(" /api/");
        assertThat(answer.header("Content-Type")).as(probe.name())
            .startsWith(ours ? "application/problem+json" : "application/json");
        assertThat(answer.json().path(ours ? "detail" : "message").asText()).as(probe.name()).contains("retry");
        assertThat(took).as(probe.name() + " answered within 5 s").isLessThan(WITHIN);
        log.info("database down: {} answered {} after {} ms", probe.name(), answer.status(), took.toMillis());
      }
      long started = System.nanoTime();
      Http.Response readiness = http.get("/actuator/health/readiness");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("readiness within 5 s").isLessThan(WITHIN);
      assertThat(readiness.status()).as("readiness during the outage: " + readiness.body()).isEqualTo(503);
      assertThat(readiness.json().path("status").asText()).isEqualTo("DOWN");
      assertThat(http.get("/actuator/health/liveness").status()).as("alive all the same").isEqualTo(200);

      proxy.start();
      // Back without a restart: the pool replaces the connections it lost. Its connection maker backs off while the
      // database is away (up to a few seconds), so a client that honours Retry-After is served within seconds.
      long back = System.nanoTime();
      while (http.get("/actuator/health/readiness").status() != 200) {
        assertThat(Duration.ofNanos(System.nanoTime() - back)).as("ready again by itself").isLessThan(Duration.ofSeconds(20));
        Thread.sleep(250);
      }
      log.info("ready again {} ms after the database came back", Duration.ofNanos(System.nanoTime() - back).toMillis());
      for (Probe probe : probes) {
        Http.Response answer = probe.send().apply(http);
        assertThat(answer.status()).as(probe.name() + " after the outage: " + answer.body()).isEqualTo(probe.healthy());
      }
      assertThat(http.get("/actuator/health/readiness").status()).as("ready after the outage").isEqualTo(200);

      // The database stalls (connections open, nothing answers) for longer than any request may take: every request
      // that needs it ends with a 503 once the driver's socket timeout (20 s) or the pool's connection timeout gives up.
      proxy.stall();
      ExecutorService clients = Executors.newFixedThreadPool(probes.size() + 1);
      ScheduledExecutorService stallEnds = Executors.newSingleThreadScheduledExecutor();
      stallEnds.schedule(proxy::unstall, STALL.toSeconds(), TimeUnit.SECONDS);
      try {
        Map<String, Future<Http.Response>> answers = new LinkedHashMap<>();
        Map<String, Duration> took = new ConcurrentHashMap<>();
        List<Probe> stalledProbes = new ArrayList<>(probes);
        stalledProbes.add(new Probe("GET /actuator/health/readiness", 200, h -> h.get("/actuator/health/readiness")));
        for (Probe probe : stalledProbes) {
          answers.put(probe.name(), clients.submit(() -> {
            long sent = System.nanoTime();
            Http.Response answer = probe.send().apply(http);
            took.put(probe.name(), Duration.ofNanos(System.nanoTime() - sent));
            return answer;
          }));
        }
        for (Map.Entry<String, Future<Http.Response>> entry : answers.entrySet()) {
          Http.Response answer = entry.getValue().get(2, TimeUnit.MINUTES);
          log.info("database stalled: {} answered {} after {} ms", entry.getKey(), answer.status(),
              took.get(entry.getKey()).toMillis());
          // 503, unless the request needed nothing from the database (a GitHub ping on a pooled connection).
          int healthy = stalledProbes.stream().filter(p -> p.name().equals(entry.getKey())).findFirst().orElseThrow().healthy();
          assertThat(answer.status()).as(entry.getKey() + " while the database stalls: " + answer.body()).isIn(503, healthy);
          assertThat(took.get(entry.getKey())).as(entry.getKey() + " is not held for as long as the stall lasts")
              .isLessThan(STALL_ANSWER_WITHIN);
        }
      } finally {
        proxy.unstall();
        stallEnds.shutdownNow();
        clients.shutdownNow();
      }
      for (Probe probe : probes) {
        Http.Response answer = probe.send().apply(http);
        assertThat(answer.status()).as(probe.name() + " after the stall: " + answer.body()).isEqualTo(probe.healthy());
      }

      // The job executor survived the outage: a new incident's asynchronous steps run by themselves.
      Http.Response afterOutage = http.bearer("demo-alerts-token").postJson("/api/alerts",
          "{\"source\":\"outage\",\"fingerprint\":\"after-outage\",\"title\":\"Search down\",\"severity\":\"critical\"}");
      assertThat(afterOutage.json().at("/alerts/0/outcome").asText()).as(afterOutage.body()).isEqualTo("STARTED");
      String processInstance = afterOutage.json().at("/alerts/0/processInstanceId").asText();
      var jobs = node.getBean(ProcessEngine.class).getManagementService();
      long due = -1;
      for (int i = 0; i < 120 && due != 0; i++) {
        Thread.sleep(500);
        due = jobs.createJobQuery().processInstanceId(processInstance).executable().count();
      }
      assertThat(due).as("due jobs of the new incident left after 60 s").isZero();
      assertThat(jobs.createJobQuery().processInstanceId(processInstance).withException().count())
          .as("failed jobs").isZero();
      assertThat(node.getBean(ProcessEngine.class).getHistoryService().createHistoricJobLogQuery()
          .processInstanceId(processInstance).successLog().count()).as("jobs the job executor ran").isPositive();
    } finally {
      // Closing a node clears Camunda's JVM-wide engine registry; engines of other test contexts come back.
      enginesBefore.forEach((name, engine) -> {
        if (ProcessEngines.getProcessEngine(name) == null) {
          ProcessEngines.registerProcessEngine(engine);
        }
      });
    }
  }
}
