package io.firebreak.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * The benchmark's settings: a system property {@code bench.x.y} (mvn -Dbench.x.y=…) or the environment variable
 * {@code BENCH_X_Y}, else a default that fits {@code SPRING_PROFILES_ACTIVE=postgres,demo ./mvnw spring-boot:run}
 * on this machine (demo tokens of application-demo.yaml).
 */
record BenchSettings(
    String baseUrl,
    String alertsToken,
    String metricsToken,
    String adminUser,
    String adminPassword,
    String pgbenchDbUrl,
    String pgbenchDbUser,
    String pgbenchDbPassword,
    Duration pgbenchDuration,
    int slackPort,
    int users,
    Duration warmUp,
    Duration warmUpRepeats,
    Duration warmUpRepeatsMax,
    Duration phase,
    int quietChannels,
    double stormNewPerSecond,
    double stormResolvedPerSecond,
    int stormDuplicateUsers,
    Duration stormDuration,
    Duration drainTimeout,
    String summaryFile) {

  static BenchSettings load() {
    return new BenchSettings(
        text("bench.base-url", "http://localhost:8080").replaceAll("/+$", ""),
        text("bench.alerts-token", "demo-alerts-token"),
        text("bench.metrics-token", "bench-metrics-token"),
        text("bench.admin-user", "admin"),
        text("bench.admin-password", "admin"),
        text("bench.pgbench.db-url", "jdbc:postgresql://127.0.0.1:5432/firebreak_bench_pgbench"),
        text("bench.pgbench.db-user", "postgres"),
        text("bench.pgbench.db-password", ""),
        Duration.ofSeconds(number("bench.pgbench.seconds", 10)),
        (int) number("bench.slack-port", 8089),
        (int) number("bench.users", 8),
        Duration.ofSeconds(number("bench.warm-up-seconds", 10)),
        Duration.ofSeconds(number("bench.warm-up-repeat-seconds", 20)),
        Duration.ofSeconds(number("bench.warm-up-repeat-max-seconds", 120)),
        Duration.ofSeconds(number("bench.phase-seconds", 15)),
        (int) number("bench.quiet-channels", 10),
        number("bench.storm.new-per-second", 20.0),
        number("bench.storm.resolved-per-second", 5.0),
        (int) number("bench.storm.duplicate-users", 4),
        Duration.ofSeconds(number("bench.storm.seconds", 15)),
        Duration.ofSeconds(number("bench.drain-timeout-seconds", 300)),
        text("bench.summary", "target/bench/summary.md"));
  }

  private static String text(String name, String fallback) {
    String value = System.getProperty(name);
    if (value == null) {
      value = System.getenv(name.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"));
    }
    return value == null ? fallback : value;
  }

  private static long number(String name, long fallback) {
    return (long) number(name, (double) fallback);
  }

  private static double number(String name, double fallback) {
    String value = text(name, null);
    try {
      return value == null || value.isBlank() ? fallback : Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not " + value, e);
    }
  }
}
