package io.firebreak.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Firebreak under an alert storm, beside what its database and its engine allow, in one run (README, Performance):
 *
 * <ol>
 *   <li>before: PostgreSQL's {@code pgbench -N}, the Slack fake, the bare model deployed;</li>
 *   <li>a warm-up of every kind of request, not measured, and a wait for the channels it opened;</li>
 *   <li>bare Camunda message starts through {@code /engine-rest/message};</li>
 *   <li>alert → Slack channel created on a quiet node, one alert at a time;</li>
 *   <li>duplicate alerts: one fingerprint, repeated;</li>
 *   <li>new-incident alerts: distinct fingerprints (the storm guard must be off on the server);</li>
 *   <li>a wait until the channels of those incidents exist, so the storm starts without their backlog;</li>
 *   <li>the mixed storm: new alerts at a fixed rate, duplicates, resolutions, side by side;</li>
 *   <li>after: alert → channel during the storm from the fake's journal, the ratios, the summary.</li>
 * </ol>
 */
public class StormBenchmark extends Simulation {

  private final BenchSettings settings = BenchSettings.load();
  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private final AtomicLong sequence = new AtomicLong();
  private final Results results = new Results();
  private final Queue<String> toResolve = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> warmUpAnswers = new ConcurrentHashMap<>();
  private final Map<String, Long> newPhaseAnswers = new ConcurrentHashMap<>();
  private SlackFake slack;
  private JobBacklog backlog;
  private volatile ServerCompiler compiler;

  {
    var protocol = http.baseUrl(settings.baseUrl()).shareConnections()
        .acceptHeader("application/json").contentTypeHeader("application/json")
        .disableCaching().warmUp(settings.baseUrl() + "/actuator/health");

    int users = settings.users();
    Duration phase = settings.phase();
    String duplicate = "bench-" + run + "-duplicate";

    // The JVM of a freshly started Firebreak compiles its hot paths during the first thousand requests or so: warm up
    // every kind of request first, unmeasured, and let the channels it opened be created before measuring.
    var warmUp = scenario("0 warm-up (not measured)")
        .exec(during(settings.warmUp()).on(
            timed(results.warmUp, bareStart(), null)
                .exec(timed(results.warmUp, alert("warm-up: new alert", s -> firing(nextNew())), warmUpAnswers))
                .exec(timed(results.warmUp, alert("warm-up: duplicate", s -> firing(duplicate + "-warm-up")), null))));
    // A node that has run for a while has compiled the repeat's path (C2, after some ten thousand calls); 10 s of mixed
    // warm-up call it a few thousand times. So every client repeats an alert for a while more before measuring: at
    // least bench.warm-up-repeat-seconds, then until the repeats' rate stops rising and the server's JIT compiler is
    // nearly idle (Plateau), at most the maximum.
    Plateau plateau = new Plateau(settings.warmUpRepeats(), settings.warmUpRepeatsMax(),
        () -> compiler == null ? Double.NaN : compiler.compiledWithin(Plateau.WINDOW));
    results.warmUpRepeats = plateau;
    var warmUpRepeats = scenario("0 warm-up: repeats (not measured)")
        .exec(asLongAs(s -> !plateau.reached()).on(
            timed(results.warmUp, alert("warm-up: duplicate", s -> firing(duplicate + "-warm-up")), null)
                .exec(s -> {
                  plateau.answered();
                  return s;
                })));
    var warmUpSettled = settle("0 warm-up: wait for its channels", warmUpAnswers);

    var bare = scenario("1 bare Camunda message start")
        .exec(during(phase).on(timed(results.bare, bareStart(), null)));

    var quiet = scenario("2 alert to channel, quiet")
        .exec(repeat(settings.quietChannels()).on(
            timed(results.quietNew, alert("new alert, quiet", s -> firing(nextNew())), results.quietAnswers)
                .pause(Duration.ofSeconds(2))));

    var duplicateSeed = scenario("3a duplicate: the first alert")
        .exec(timed(results.seed, alert("first alert of the duplicate", s -> firing(duplicate)), null));
    var duplicates = scenario("3b duplicate alerts")
        .exec(during(phase).on(timed(results.duplicates, alert("duplicate alert", s -> firing(duplicate)), null)));

    var newIncidents = scenario("4 new-incident alerts")
        .exec(during(phase).on(exec(s -> s.set("fingerprint", nextNew()))
            .exec(timed(results.newIncidents, alert("new-incident alert", s -> firing(s.getString("fingerprint"))),
                newPhaseAnswers))
            .exec(s -> {
              toResolve.add(s.getString("fingerprint"));
              return s;
            })));

    var settle = settle("5 wait for the channels of the new incidents", newPhaseAnswers);

    Duration storm = settings.stormDuration();
    var stormNew = scenario("6a storm: new alerts")
        .exec(timed(results.stormNew, alert("storm: new alert", s -> firing(nextNew())), results.stormAnswers));
    var stormDuplicates = scenario("6b storm: duplicates")
        .exec(during(storm).on(timed(results.stormDuplicates, alert("storm: duplicate", s -> firing(duplicate)),
            null)));
    var stormResolved = scenario("6c storm: resolutions")
        .exec(s -> {
          String fingerprint = toResolve.poll();
          return fingerprint == null ? s : s.set("fingerprint", fingerprint);
        })
        .exec(doIf(s -> s.contains("fingerprint")).then(timed(results.stormResolved,
            alert("storm: resolution", s -> resolved(s.getString("fingerprint"))), null)));

    PopulationBuilder[] stormPopulations = {
        stormNew.injectOpen(constantUsersPerSec(settings.stormNewPerSecond()).during(storm)),
        stormDuplicates.injectOpen(atOnceUsers(settings.stormDuplicateUsers())),
        stormResolved.injectOpen(constantUsersPerSec(settings.stormResolvedPerSecond()).during(storm))};

    // One phase after the other; the storm's three populations side by side at the end.
    setUp(inSequence(stormPopulations,
        warmUp.injectOpen(atOnceUsers(Math.max(1, users / 2))),
        warmUpRepeats.injectOpen(atOnceUsers(users)),
        warmUpSettled.injectOpen(atOnceUsers(1)),
        bare.injectOpen(atOnceUsers(users)),
        quiet.injectOpen(atOnceUsers(1)),
        duplicateSeed.injectOpen(atOnceUsers(1)),
        duplicates.injectOpen(atOnceUsers(users)),
        newIncidents.injectOpen(atOnceUsers(users)),
        settle.injectOpen(atOnceUsers(1))))
        .protocols(protocol);
  }

  /** {@code phases[0]}, then {@code phases[1]}, …, then {@code last} all at once. */
  private static PopulationBuilder inSequence(PopulationBuilder[] last, PopulationBuilder... phases) {
    PopulationBuilder chain = phases[phases.length - 1].andThen(last);
    for (int i = phases.length - 2; i >= 0; i--) {
      chain = phases[i].andThen(chain);
    }
    return chain;
  }

  private HttpRequestActionBuilder bareStart() {
    return http("bare message start").post("/engine-rest/message")
        .basicAuth(settings.adminUser(), settings.adminPassword())
        .body(StringBody(s -> "{\"messageName\":\"" + BareModel.MESSAGE + "\",\"businessKey\":\"bench-" + run
            + "-" + sequence.incrementAndGet() + "\"}"))
        .check(status().is(204));
  }

  /**
   * Waits (at most the drain timeout) until the fake has a channel for each of these incidents and the engine has no
   * job due, so the next phase starts on a quiet node.
   */
  private io.gatling.javaapi.core.ScenarioBuilder settle(String name, Map<String, Long> incidents) {
    return scenario(name)
        .exec(s -> s.set("until", System.nanoTime() + settings.drainTimeout().toNanos())
            .set("since", System.currentTimeMillis()))
        .exec(asLongAs(s -> !settled(incidents, s.getLong("since")) && System.nanoTime() < s.getLong("until"))
            .on(pause(Duration.ofSeconds(1))))
        .exec(s -> {
          double waited = (System.currentTimeMillis() - s.getLong("since")) / 1000.0;
          results.waits.put(name, String.format(java.util.Locale.ROOT, settled(incidents, s.getLong("since"))
              ? "%.0f s for %d incidents" : "%.0f s for %d incidents, **not settled** by the drain timeout: what "
              + "follows ran beside their backlog", waited, incidents.size()));
          return s;
        });
  }

  private boolean settled(Map<String, Long> incidents, long sinceMillis) {
    return slack.channelsCreated().keySet().containsAll(incidents.keySet()) && backlog.idleSince(sinceMillis);
  }

  @Override
  public void before() {
    try {
      System.out.println("[bench] run " + run + " against " + settings.baseUrl());
      checkFirebreak();
      results.pgbenchTps = Pgbench.tps(settings, settings.users());
      System.out.printf("[bench] pgbench -N, %d clients: %.0f tps%n", settings.users(), results.pgbenchTps);
      slack = new SlackFake(settings.slackPort());
      System.out.println("[bench] Slack fake on " + slack.baseUrl());
      BareModel.deploy(settings);
      backlog = new JobBacklog(settings);
      compiler = new ServerCompiler(settings);
    } catch (Exception e) {
      throw new IllegalStateException("the benchmark cannot start: " + e.getMessage(), e);
    }
  }

  @Override
  public void after() {
    try {
      results.collectChannels(slack, settings.drainTimeout());
      // Steps still due would call the fake after it stopped, fail and wait for their retries: let them finish.
      if (!backlog.awaitIdle(settings.drainTimeout())) {
        System.out.println("[bench] the engine still has jobs due after " + settings.drainTimeout().toSeconds() + " s");
      }
      results.collectBacklog(backlog);
      String summary = new Summary(settings, run, results).write();
      System.out.println(summary);
    } catch (Exception e) {
      throw new IllegalStateException("the benchmark's summary failed: " + e.getMessage(), e);
    } finally {
      if (backlog != null) {
        backlog.close();
      }
      if (compiler != null) {
        compiler.close();
      }
      if (slack != null) {
        slack.close();
      }
    }
  }

  /** The request, timed from sending to answer; its outcome counted; for a new incident, when it was answered. */
  private static ChainBuilder timed(Measure measure, HttpRequestActionBuilder request, Map<String, Long> answers) {
    return exec(s -> s.remove("outcome").remove("incidentKey").set("t0", System.nanoTime()))
        .exec(request)
        .exec(s -> {
          long end = System.nanoTime();
          long now = System.currentTimeMillis();
          boolean ok = !s.isFailed();
          measure.record(s.getLong("t0"), end, ok, s.contains("outcome") ? s.getString("outcome") : null);
          if (ok && answers != null && s.contains("incidentKey") && "STARTED".equals(s.getString("outcome"))) {
            answers.putIfAbsent(s.getString("incidentKey"), now);
          }
          return s.markAsSucceeded();
        });
  }

  private HttpRequestActionBuilder alert(String name, java.util.function.Function<Session, String> body) {
    return http(name).post("/api/alerts")
        .header("Authorization", "Bearer " + settings.alertsToken())
        .body(StringBody(body))
        // The first alert's outcome and key, read with a pattern instead of a JSON path: parsing every answer as JSON
        // cost Gatling's JVM CPU time the server then lacked on the same cores (one alert per request, the answer is
        // Jackson's compact JSON, and the benchmark's fingerprints hold no quotes).
        .check(status().is(202),
            regex("\"outcome\":\"([A-Z_]+)\"").optional().saveAs("outcome"),
            regex("\"incidentKey\":\"([^\"]+)\"").optional().saveAs("incidentKey"));
  }

  private String nextNew() {
    return "bench-" + run + "-new-" + sequence.incrementAndGet();
  }

  private static String firing(String fingerprint) {
    return alertJson(fingerprint, "firing");
  }

  private static String resolved(String fingerprint) {
    return alertJson(fingerprint, "resolved");
  }

  /** A generic alert that triage declares at once (severity high → SEV2), so each new one opens a Slack channel. */
  private static String alertJson(String fingerprint, String status) {
    return "{\"source\":\"bench\",\"title\":\"Bench " + fingerprint + "\",\"status\":\"" + status + "\","
        + "\"severity\":\"high\",\"fingerprint\":\"" + fingerprint + "\",\"environment\":\"production\","
        + "\"product\":\"Bench\",\"description\":\"Firebreak benchmark alert\","
        + "\"labels\":{\"bench\":\"storm\",\"service\":\"checkout\"}}";
  }

  private void checkFirebreak() throws Exception {
    HttpResponse<String> health;
    try {
      health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(settings.baseUrl()
          + "/actuator/health")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Firebreak is not running at " + settings.baseUrl()
          + " (start it with src/bench/start-firebreak.sh, README Performance)", e);
    }
    if (health.statusCode() != 200) {
      throw new IllegalStateException("Firebreak at " + settings.baseUrl() + " is not healthy: "
          + health.statusCode() + " " + health.body());
    }
  }
}
